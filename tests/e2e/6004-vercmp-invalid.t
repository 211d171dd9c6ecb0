# A version dpkg refuses is an input error (exit 3) naming the version and why
args: vercmp --scheme deb 1.0- 1.0
exit: 3
--- stdout
--- stderr
baseimg: invalid deb version '1.0-': revision number is empty
