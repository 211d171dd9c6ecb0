# --version prints the version
args: --version
exit: 0
--- stdout
baseimg 0.1.0
