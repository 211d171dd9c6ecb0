# Pairs from standard input, one result per line (facts from the shared README)
args: vercmp --scheme deb -
stdin: $SRC/tests/e2e/data/6003-pairs.txt
exit: 0
--- stdout
<
>
>
=
