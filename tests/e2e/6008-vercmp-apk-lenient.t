# apk compares versions outside its grammar too (upstream: "1.0 < 1.0bc"), with a warning
args: vercmp --scheme apk 1.0 1.0bc
exit: 0
--- stdout
<
--- stderr
baseimg: warning: apk version '1.0bc': not of the form N{.N}[a-z]{_suffix[N]}[~hash][-rN]
