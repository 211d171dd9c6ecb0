# only a BI104 note: exit 0 at the default threshold (warning)
args: lint --build-arg X=1 $FIX/dockerfiles/lint-args.Dockerfile --ignore BI111
exit: 0
stdout-contains: note: 'alpine:3.20' is not pinned by digest
