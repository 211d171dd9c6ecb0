# In batch mode a bad line prints '!', is reported with its line number, and
# the other lines are still compared; the exit status is 3
args: vercmp --scheme apk -
stdin: $SRC/tests/e2e/data/6005-pairs.txt
exit: 3
--- stdout
<
!
>
--- stderr
baseimg: line 2: expected two versions separated by a blank
