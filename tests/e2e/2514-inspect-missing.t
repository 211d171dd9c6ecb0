# an image that does not exist: exit 3, the path named
args: inspect dir:$TMP/no-such-folder
exit: 3
stderr-contains: no-such-folder
