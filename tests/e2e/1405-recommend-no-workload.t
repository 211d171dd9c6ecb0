# a folder with no manifest: exit 3 and say so
args: recommend $FIX/projects/empty
exit: 3
stderr-contains: no workload detected
--- stdout
