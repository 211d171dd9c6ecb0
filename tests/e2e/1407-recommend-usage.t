# a bad option is a usage error: exit 2
args: recommend --format yaml .
exit: 2
stderr-contains: unknown format 'yaml'
