# --build-arg gives FROM's variable a value; --target picks the final stage
args: lint --ignore BI104 --build-arg BASE=python:3.12-slim --target runtime -
stdin: $FIX/dockerfiles/lint-args.Dockerfile
exit: 1
--- stdout
<stdin>:2:1: warning: 'python:3.12-slim' does not pin the OS release; pin the OS release: python:3.12-slim-trixie [BI103]
