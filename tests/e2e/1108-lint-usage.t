# a bad --format is a usage error (exit 2)
args: lint --format xml $FIX/dockerfiles/lint-basic.Dockerfile
exit: 2
--- stderr
baseimg: --format: expected human, json or sarif, not 'xml'
Try 'baseimg lint --help' for more information.
