# "# baseimg ignore=..." above an instruction silences those rules for it only
args: lint -
stdin: $FIX/dockerfiles/lint-suppress.Dockerfile
exit: 1
--- stdout
<stdin>:4:1: warning: image 'node:latest' uses the moving tag 'latest'; pin a version tag: node:26-trixie [BI102]
<stdin>:4:1: warning: the final stage runs on 'node:latest', a full image; use the slim variant (node:slim) or a distroless runtime stage [BI105]
