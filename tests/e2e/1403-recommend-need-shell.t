# --need-shell never yields scratch or distroless: Go goes to Alpine
args: recommend --need-shell --format json $FIX/projects/go-static
exit: 0
--- stdout
{
  "workload": {
    "language": "go",
    "version": "1.22",
    "version_source": "go.mod",
    "version_constraint": null,
    "build_tool": "go",
    "app": "hello",
    "cgo": false,
    "native_packages": [],
    "signals": [
      "go.mod"
    ],
    "dockerfile_images": [],
    "notes": []
  },
  "runtime": {
    "image": "alpine:3.24",
    "class": "alpine"
  },
  "builder": {
    "image": "golang:1.22-alpine3.21"
  },
  "alternatives": [
    {
      "image": "scratch",
      "class": "scratch",
      "note": "the lightest: a static binary and nothing else"
    },
    {
      "image": "gcr.io/distroless/static-debian12",
      "class": "distroless",
      "note": "static files (CA certificates, tzdata, /etc/passwd with nonroot) without a shell"
    },
    {
      "image": "debian:bookworm-slim",
      "class": "slim",
      "note": "debuggable: shell, apt, glibc (--debug)"
    }
  ],
  "rationale": [
    "Detected a go workload from go.mod.",
    "Go 1.22, as go.mod states.",
    "--need-shell: not scratch or distroless; a static CGO_ENABLED=0 binary on Alpine (alpine:3.24) keeps a shell at a few MB.",
    "The runtime pins its OS release (alpine 3.24): a rebuild cannot move to the next release unnoticed. Add a digest (@sha256:...) for bit-for-bit repeatable builds."
  ]
}

