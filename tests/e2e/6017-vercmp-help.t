# vercmp --help shows each scheme's rule
args: vercmp --help
exit: 0
stdout-contains: 1.0~rc1 < 1.0 < 1.0^git1 < 1.0.1
