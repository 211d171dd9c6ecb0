# an SBOM describes one platform
args: inspect --format cyclonedx --all-platforms dir:/
exit: 2
stderr-contains: --format cyclonedx describes one platform
