# parse --format buildkit prints BuildKit's AST dump: flags, continuations, JSON form
args: parse --format buildkit $FIX/dockerfiles/parse-multistage.Dockerfile
exit: 0
--- stdout
(arg "GO=1.22")
(from ["--platform=$BUILDPLATFORM"] "golang:${GO}" "AS" "build")
(run ["--mount=type=cache,target=/root/.cache"] "go build -o /app .")
(from "scratch")
(copy ["--from=build"] "/app" "/app")
(entrypoint "/app")
