# the stage graph's problems: FROM naming a later stage, unknown --from, duplicate name, unknown --target
args: parse --target nope $FIX/dockerfiles/parse-issues.Dockerfile
exit: 0
stdout-contains: "kind": "from-later-stage",
stdout-contains: "kind": "copy-from-unknown",
stdout-contains: "kind": "duplicate-stage",
stdout-contains: "kind": "target-unknown",
