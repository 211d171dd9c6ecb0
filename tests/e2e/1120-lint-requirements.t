# pip install -r FILE: BI106 reads FILE from the Dockerfile's folder (the build context)
args: lint --ignore BI104 $FIX/dockerfiles/lint-context/Dockerfile
exit: 1
stdout-contains: lint-context/Dockerfile:4:1: warning: installs Python packages with C extensions (numpy, pandas) on an Alpine-based image
