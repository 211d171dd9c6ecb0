# --help lists every command and the exit codes, on stdout, exit 0
args: --help
exit: 0
stdout-contains: Usage: baseimg
stdout-contains: lint
stdout-contains: recommend
stdout-contains: inspect
stdout-contains: Exit codes
