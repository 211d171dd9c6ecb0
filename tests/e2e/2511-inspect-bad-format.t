# an unknown --format is a usage error naming the accepted ones
args: inspect --format yaml dir:/
exit: 2
stderr-contains: --format wants one of text, json, cyclonedx, not 'yaml'
