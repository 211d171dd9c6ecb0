# --build-arg overrides a global ARG in FROM; --target picks the final stage
args: parse --build-arg GO=1.23 --target BUILD $FIX/dockerfiles/parse-multistage.Dockerfile
exit: 0
stdout-contains: "image": "golang:1.23"
stdout-contains: "platform": "linux/amd64"
stdout-contains: "target": 0
stdout-contains: "baseimg ignore=BI104"
stdout-contains: "kind": "copy",
