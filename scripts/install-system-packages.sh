#!/usr/bin/env bash
# Installs the Debian packages TokenKit builds against (scripts/system-packages.txt), if any is
# missing. Used by scripts/bootstrap.sh and .ci/run, so the branch a fresh machine takes is the
# one CI tests (see .ci/test-install.sh, which runs this script against stand-in dpkg/apt-get).
#
# Works as root (no sudo needed, and none is assumed to exist) and as a user with sudo.
#   bash scripts/install-system-packages.sh            # install what is missing
#   bash scripts/install-system-packages.sh --check    # exit 1 and list what is missing
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t PACKAGES < <(grep -v '^[[:space:]]*\(#\|$\)' scripts/system-packages.txt)

missing=()
for package in "${PACKAGES[@]}"; do
    # `dpkg -s` exits 0 for a package that was removed but not purged; the Status line tells.
    if ! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed'; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    echo "missing Debian packages: ${missing[*]}" >&2
    exit 1
fi

# Root runs apt-get directly; anyone else goes through sudo. The environment variable is passed
# as an argument of `env`, never as a word in front of an empty $SUDO (which would run a command
# named DEBIAN_FRONTEND=noninteractive).
if [ "$(id -u)" = 0 ]; then
    run=(env)
elif command -v sudo >/dev/null 2>&1; then
    run=(sudo env)
else
    echo "install-system-packages: not root and no sudo; install these as root: ${missing[*]}" >&2
    exit 1
fi

echo "install-system-packages: installing ${missing[*]}" >&2
"${run[@]}" DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${run[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
