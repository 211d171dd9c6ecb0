# an unreadable DIR: exit 3, one line naming it
args: recommend $TMP/does-not-exist
exit: 3
stderr-contains: does-not-exist: No such file or directory
