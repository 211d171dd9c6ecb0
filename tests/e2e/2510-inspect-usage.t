# inspect without an IMAGE is a usage error
args: inspect
exit: 2
stderr-contains: missing IMAGE
