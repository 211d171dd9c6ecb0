# a 0-byte file: exit 3, and the position is line 1, not line 0
args: lint -
stdin: /dev/null
exit: 3
--- stdout
--- stderr
baseimg: <stdin>:1: file with no instructions
