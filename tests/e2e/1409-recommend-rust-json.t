# Rust with openssl-sys: glibc distroless cc, JSON
args: recommend --format json $FIX/projects/rust-openssl
exit: 0
--- stdout
{
  "workload": {
    "language": "rust",
    "version": null,
    "version_source": null,
    "version_constraint": null,
    "build_tool": "cargo",
    "app": "fetcher",
    "cgo": false,
    "native_packages": [
      "openssl-sys"
    ],
    "signals": [
      "Cargo.toml"
    ],
    "dockerfile_images": [],
    "notes": []
  },
  "runtime": {
    "image": "gcr.io/distroless/cc-debian13",
    "class": "distroless"
  },
  "builder": {
    "image": "rust:1.99-trixie"
  },
  "alternatives": [
    {
      "image": "debian:trixie-slim",
      "class": "slim",
      "note": "debuggable: shell, apt, glibc (--debug)"
    }
  ],
  "rationale": [
    "Detected a rust workload from Cargo.toml.",
    "No Rust version stated: the newest the knowledge base (2026-11-20) knows, 1.99.",
    "Cargo.toml depends on crates that link system C libraries (openssl-sys): a musl static build needs vendored copies, so build and run on glibc.",
    "distroless cc (gcr.io/distroless/cc-debian13): glibc, libgcc and OpenSSL, no shell.",
    "The runtime pins its OS release (debian trixie): a rebuild cannot move to the next release unnoticed. Add a digest (@sha256:...) for bit-for-bit repeatable builds."
  ]
}

