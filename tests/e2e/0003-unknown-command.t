# an unknown command is a usage error (exit 2) with a hint
args: frobnicate
exit: 2
--- stderr
baseimg: unknown command 'frobnicate'
Try 'baseimg --help' for more information.
