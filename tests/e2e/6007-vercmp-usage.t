# The scheme is required
args: vercmp 1 2
exit: 2
stderr-contains: --scheme deb|apk|rpm is required
