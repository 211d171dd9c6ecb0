# a Dockerfile BuildKit rejects (no instructions): exit 3, one line naming it
args: lint -
stdin: $FIX/dockerfiles/lint-empty.Dockerfile
exit: 3
--- stdout
--- stderr
baseimg: <stdin>:1: file with no instructions
