# human output: FILE:LINE:COL: severity: message [RULE], sorted by line
args: lint -
stdin: $FIX/dockerfiles/lint-basic.Dockerfile
exit: 1
--- stdout
<stdin>:2:1: warning: 'python:3.12-slim' does not pin the OS release; pin the OS release: python:3.12-slim-trixie [BI103]
<stdin>:2:1: note: 'python:3.12-slim' is not pinned by digest; pin it as python:3.12-slim@sha256:<digest> (docker buildx imagetools inspect python:3.12-slim) [BI104]
<stdin>:3:1: warning: the final stage installs build tools (gcc, libpq-dev); install them in a build stage and copy the result, or apt-get purge --auto-remove them in the same RUN [BI112]
