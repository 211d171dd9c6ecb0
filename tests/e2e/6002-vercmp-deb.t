# Debian: the epoch wins, '~' sorts before the end of the version
args: vercmp --scheme deb 1:0.1-1 9.9-9
exit: 0
--- stdout
>
