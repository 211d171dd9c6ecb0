# an unknown --format is a usage error (exit 2)
args: parse --format yaml Dockerfile
exit: 2
stderr-contains: unknown --format 'yaml'
