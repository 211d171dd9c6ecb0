# Python with C extensions (numpy, pandas) and .python-version 3.12: slim, pinned to trixie
args: recommend --format json $FIX/projects/python-pandas
exit: 0
--- stdout
{
  "workload": {
    "language": "python",
    "version": "3.12",
    "version_source": ".python-version",
    "version_constraint": null,
    "build_tool": "pip",
    "app": "app",
    "cgo": false,
    "native_packages": [
      "numpy",
      "pandas"
    ],
    "signals": [
      "requirements.txt",
      ".python-version"
    ],
    "dockerfile_images": [],
    "notes": []
  },
  "runtime": {
    "image": "python:3.12-slim-trixie",
    "class": "slim"
  },
  "builder": {
    "image": "python:3.12-trixie"
  },
  "alternatives": [
    {
      "image": "python:3.12-alpine3.24",
      "class": "alpine",
      "note": "smaller, but musl: C extensions build from source (needs build-base)"
    }
  ],
  "rationale": [
    "Detected a python workload from requirements.txt, .python-version.",
    "Python 3.12, as .python-version states.",
    "Packages with C extensions (numpy, pandas): their wheels are built for glibc (manylinux); on Alpine (musl) many build from source. Stay on glibc: python:3.12-slim-trixie.",
    "The build stage (python:3.12-trixie) has gcc and headers for packages without a wheel; only the virtualenv is copied into the slim runtime.",
    "The runtime pins its OS release (debian trixie): a rebuild cannot move to the next release unnoticed. Add a digest (@sha256:...) for bit-for-bit repeatable builds."
  ]
}

