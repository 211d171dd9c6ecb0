# an unparsable Dockerfile: exit 3 and one line naming the file and line
args: parse -
stdin: $FIX/dockerfiles/parse-env-no-value.Dockerfile
exit: 3
--- stdout
--- stderr
baseimg: <stdin>:2: ENV must have two arguments
