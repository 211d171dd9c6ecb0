# an unreadable file is reported, the other files are still linted, exit 3 wins
args: lint --ignore BI104 $TMP/nope.Dockerfile -
stdin: $FIX/dockerfiles/lint-basic.Dockerfile
exit: 3
stderr-contains: nope.Dockerfile
stdout-contains: <stdin>:2:1: warning: 'python:3.12-slim' does not pin the OS release
