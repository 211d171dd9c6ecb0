# db --help names the formats and the offline update
args: db --help
exit: 0
stdout-contains: Debian Security Tracker JSON
stdout-contains: Not available in this build
