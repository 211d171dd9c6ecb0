# standard input can be read once
args: compare - -
exit: 2
stderr-contains: standard input ('-') can be read once
