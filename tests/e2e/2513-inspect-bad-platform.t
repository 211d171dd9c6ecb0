# --platform must be os/arch[/variant]
args: inspect --platform amd64 dir:/
exit: 2
stderr-contains: --platform wants os/arch[/variant], not 'amd64'
