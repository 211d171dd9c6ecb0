# an unknown rule in --ignore is a usage error
args: lint --ignore BI999 $FIX/dockerfiles/lint-basic.Dockerfile
exit: 2
stderr-contains: --ignore: unknown rule 'BI999'
