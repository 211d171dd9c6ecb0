# recommend --help teaches the decision tree, on stdout, exit 0
args: recommend --help
exit: 0
stdout-contains: Usage: baseimg recommend [OPTIONS] [DIR]
stdout-contains: --need-shell
stdout-contains: --debug
stdout-contains: --format FORMAT
