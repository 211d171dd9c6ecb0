# rpm: '^' sorts after the end of a version, '~' before it
args: vercmp --scheme rpm 1.0^git1 1.0~rc1
exit: 0
--- stdout
>
