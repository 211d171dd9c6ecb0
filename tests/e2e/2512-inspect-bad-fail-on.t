# an unknown --fail-on severity is a usage error
args: inspect --fail-on fatal dir:/
exit: 2
stderr-contains: --fail-on wants error, warning, note or none
