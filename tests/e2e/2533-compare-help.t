# compare --help
args: compare --help
exit: 0
stdout-contains: Usage: baseimg compare [OPTIONS] IMAGE...
stdout-contains: text (default), json, or markdown
