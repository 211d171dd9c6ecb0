# compare: --platform and --all-platforms together are a usage error
args: compare --platform linux/arm64 --all-platforms dir:/
exit: 2
stderr-contains: --platform picks one platform, --all-platforms reads each
