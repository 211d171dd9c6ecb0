# --help teaches the options and exit codes, on stdout, exit 0
args: inspect --help
exit: 0
stdout-contains: Usage: baseimg inspect [OPTIONS] IMAGE
stdout-contains: --fail-on SEVERITY
stdout-contains: BI205 shell-form-no-shell
