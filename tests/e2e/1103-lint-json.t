# --format json: the documented schema, fix as its own field
args: lint --format json --ignore BI104 -
stdin: $FIX/dockerfiles/lint-basic.Dockerfile
exit: 1
--- stdout
[
  {
    "file": "<stdin>",
    "line": 2,
    "column": 1,
    "end_line": 2,
    "rule": "BI103",
    "name": "os-release-unpinned",
    "severity": "warning",
    "message": "'python:3.12-slim' does not pin the OS release; pin the OS release: python:3.12-slim-trixie",
    "fix": "pin the OS release: python:3.12-slim-trixie"
  },
  {
    "file": "<stdin>",
    "line": 3,
    "column": 1,
    "end_line": 4,
    "rule": "BI112",
    "name": "build-tools-final",
    "severity": "warning",
    "message": "the final stage installs build tools (gcc, libpq-dev); install them in a build stage and copy the result, or apt-get purge --auto-remove them in the same RUN",
    "fix": "install them in a build stage and copy the result, or apt-get purge --auto-remove them in the same RUN"
  }
]
