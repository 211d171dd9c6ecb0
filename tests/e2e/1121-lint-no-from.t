# a file with no FROM (a README given by mistake, a fragment) cannot be built:
# exit 3 with one line naming file and line, not a silent "clean"
args: lint -
stdin: $FIX/dockerfiles/lint-no-from.Dockerfile
exit: 3
--- stdout
--- stderr
baseimg: <stdin>:3: no FROM instruction, so no stage to build: start the file with FROM IMAGE[:TAG] (only ARG may come before it)
