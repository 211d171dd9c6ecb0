# no command at all: usage on stderr, exit 2
args:
exit: 2
stderr-contains: Usage: baseimg
