# lint --help teaches the options and exits 0
args: lint --help
exit: 0
stdout-contains: Usage: baseimg lint [OPTIONS] FILE...
stdout-contains: --failure-threshold
stdout-contains: # baseimg ignore=BI104,BI103
