# cves --help teaches the statuses and exits 0
args: cves --help
exit: 0
stdout-contains: Usage: baseimg cves [OPTIONS] IMAGE
stdout-contains: fixable (a newer package fixes it), wont-fix
