# "FROM IMAGE AS" (or FROM alone, or four words) is refused by BuildKit:
# exit 3 naming the line, not a clean result
args: lint -
stdin: $FIX/dockerfiles/lint-from-arity.Dockerfile
exit: 3
--- stdout
--- stderr
baseimg: <stdin>:2: FROM requires either one or three arguments: write FROM IMAGE[:TAG] [AS NAME]
