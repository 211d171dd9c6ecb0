# A blank inside a version is refused in every scheme (docs/commands/vercmp.md
# "Invalid versions"): no rpm or apk package can carry one
args: vercmp --scheme rpm "1.0 2" 1.0
exit: 3
--- stdout
--- stderr
baseimg: invalid rpm version '1.0 2': version string has embedded blanks
