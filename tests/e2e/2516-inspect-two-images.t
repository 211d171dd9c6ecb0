# inspect reads one image; compare takes several
args: inspect dir:/ dir:/
exit: 2
stderr-contains: one IMAGE at a time
