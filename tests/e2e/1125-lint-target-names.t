# --target naming no stage: the error lists the stage names the file has
args: lint --target nope -
stdin: $FIX/dockerfiles/lint-multi.Dockerfile
exit: 3
--- stdout
--- stderr
baseimg: <stdin>: target stage 'nope' not found; named stages: build, tools
