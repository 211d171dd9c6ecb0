# .baseimg.yaml is found from the Dockerfile's folder upwards: BI104 ignored,
# BI103 raised to error, trusted-registries turns on BI113
args: lint $FIX/dockerfiles/lint-config/app/Dockerfile
exit: 1
stdout-contains: /lint-config/app/Dockerfile:1:1: error: 'python:3.12-slim' does not pin the OS release
stdout-contains: /lint-config/app/Dockerfile:2:1: warning: 'quay.io/prometheus/busybox:1.36' comes from registry quay.io, which is not trusted
