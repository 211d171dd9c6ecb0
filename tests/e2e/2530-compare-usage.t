# compare needs at least one IMAGE
args: compare --format markdown
exit: 2
stderr-contains: missing IMAGE
