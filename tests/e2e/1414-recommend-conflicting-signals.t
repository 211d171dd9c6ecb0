# go.mod and package.json side by side: Go is chosen, and the decision path
# says what else was found instead of dropping it silently
args: recommend $FIX/projects/go-with-web
exit: 0
stdout-contains: 1. Detected a Go workload from go.mod.
stdout-contains: 2. Also found node (package.json): go was chosen
