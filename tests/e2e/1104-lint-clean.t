# a clean file: nothing printed, exit 0; json is an empty array
args: lint --format json $FIX/dockerfiles/lint-clean.Dockerfile
exit: 0
--- stdout
[]
