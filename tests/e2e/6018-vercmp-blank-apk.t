# A blank inside an apk version is refused, not compared with a warning
args: vercmp --scheme apk 1.0-r0 "1.0	-r1"
exit: 3
--- stdout
--- stderr
baseimg: invalid apk version '1.0	-r1': version string has embedded blanks
