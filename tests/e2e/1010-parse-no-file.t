# parse without a FILE is a usage error
args: parse
exit: 2
stderr-contains: missing FILE
