# a file that does not exist: exit 3 with the path in the message
args: parse $TMP/no-such-Dockerfile
exit: 3
stderr-contains: no-such-Dockerfile
