# --failure-threshold error: warnings and notes alone exit 0
args: lint --failure-threshold error $FIX/dockerfiles/lint-basic.Dockerfile
exit: 0
stdout-contains: [BI103]
