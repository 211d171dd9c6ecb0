# --platform and --all-platforms together are a usage error, not one silently ignored
args: inspect --all-platforms --platform linux/arm64 dir:/
exit: 2
stderr-contains: --platform picks one platform, --all-platforms reads each
