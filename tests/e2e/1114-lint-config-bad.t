# a bad --config: exit 3 with FILE:LINE: message, nothing linted
args: lint --config $FIX/dockerfiles/lint-badconfig/bad.yaml $FIX/dockerfiles/lint-basic.Dockerfile
exit: 3
stderr-contains: lint-badconfig/bad.yaml:3: unknown severity 'fatal' (expected error, warning, note or off)
--- stdout
