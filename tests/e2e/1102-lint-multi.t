# every rule family in one multi-stage file (BI104 ignored to keep it short)
args: lint --ignore BI104 -
stdin: $FIX/dockerfiles/lint-multi.Dockerfile
exit: 1
--- stdout
<stdin>:9:1: warning: installs Python packages with C extensions (numpy) on an Alpine-based image: without musllinux wheels they compile from source; use a Debian slim base such as python:3.12-slim-trixie, where wheels exist [BI106]
<stdin>:12:1: warning: copies from stage 'build', where go build with cgo enabled and a C toolchain likely links dynamically, into scratch, which has no libc; build with CGO_ENABLED=0 (or link statically) [BI108]
<stdin>:13:1: error: --from=biuld names no earlier stage; define that stage earlier, or give a full image reference [BI110]
<stdin>:14:1: error: shell-form HEALTHCHECK needs /bin/sh, but 'scratch' has no shell; use the exec form with a binary: ["/app", "arg"] [BI107]
