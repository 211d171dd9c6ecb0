# DIR must be a folder
args: recommend $FIX/projects/go-static/go.mod
exit: 3
stderr-contains: not a directory
