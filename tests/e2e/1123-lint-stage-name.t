# a stage name BuildKit refuses ([a-z][a-z0-9-_.]*): exit 3 naming the line
args: lint -
stdin: $FIX/dockerfiles/lint-stage-name.Dockerfile
exit: 3
--- stdout
--- stderr
baseimg: <stdin>:1: invalid stage name '1st': a name starts with a letter and holds only letters, digits, '-', '_' and '.'
