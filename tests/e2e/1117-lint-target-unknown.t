# --target naming no stage is an input error for that file
args: lint --target nope $FIX/dockerfiles/lint-basic.Dockerfile
exit: 3
stderr-contains: target stage 'nope' not found
