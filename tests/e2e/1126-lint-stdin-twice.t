# standard input can be read once: '-' twice is a usage error, not an
# "empty file" blamed on the input
args: lint - -
stdin: $FIX/dockerfiles/lint-basic.Dockerfile
exit: 2
--- stdout
--- stderr
baseimg: standard input ('-') can be read once
Try 'baseimg lint --help' for more information.
