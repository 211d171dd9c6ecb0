# --failure-threshold note makes a note fail; none never fails on findings
args: lint --failure-threshold note --ignore BI111 $FIX/dockerfiles/lint-args.Dockerfile
exit: 1
stdout-contains: [BI104]
