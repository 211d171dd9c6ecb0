# no Dockerfile given
args: lint --format json
exit: 2
stderr-contains: no Dockerfile given
