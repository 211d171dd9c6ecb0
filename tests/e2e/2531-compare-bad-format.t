# compare has no cyclonedx output
args: compare --format cyclonedx dir:/
exit: 2
stderr-contains: --format wants one of text, json, markdown
