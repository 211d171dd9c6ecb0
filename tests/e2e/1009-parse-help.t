# parse --help teaches the formats and exit codes on stdout
args: parse --help
exit: 0
stdout-contains: Usage: baseimg parse
stdout-contains: --format
stdout-contains: --build-arg NAME=VALUE
stdout-contains: Exit codes
