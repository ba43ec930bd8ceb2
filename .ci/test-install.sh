#!/usr/bin/env bash
# Tests the branch of scripts/install-system-packages.sh that a fresh machine takes: stand-in
# `dpkg` (every package "not installed") and `apt-get` (records its arguments) come first on PATH.
# Checks, as root and as a non-root user with a stand-in sudo, that apt-get is asked to update and
# then to install exactly the listed packages, with DEBIAN_FRONTEND passed through env.
set -euo pipefail
cd "$(dirname "$0")/.."
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else echo "FAIL: $1" >&2; failed=$((failed + 1)); fi; }

stubs=$(mktemp -d)
trap 'rm -rf "$stubs"' EXIT
log="$stubs/apt.log"
cat > "$stubs/dpkg" <<'STUB'
#!/bin/sh
echo "dpkg-query: package '$2' is not installed and no information is available" >&2
exit 1
STUB
cat > "$stubs/apt-get" <<STUB
#!/bin/sh
echo "apt-get \$* DEBIAN_FRONTEND=\${DEBIAN_FRONTEND:-unset} uid=\$(id -u)" >> "$log"
STUB
# A stand-in sudo that runs its command as given (the test runs as root or as anyone).
cat > "$stubs/sudo" <<STUB
#!/bin/sh
echo "sudo \$*" >> "$log"
exec "\$@"
STUB
# `id -u` reporting a non-root user, for the sudo branch.
mkdir -p "$stubs/user"
printf '#!/bin/sh\nif [ "$1" = -u ]; then echo 1000; else exec /usr/bin/id "$@"; fi\n' > "$stubs/user/id"
chmod +x "$stubs"/dpkg "$stubs"/apt-get "$stubs"/sudo "$stubs"/user/id

expected=$(grep -v '^[[:space:]]*\(#\|$\)' scripts/system-packages.txt | tr '\n' ' ' | sed 's/ $//')

# 1. As root (the real uid here may be anything: the stand-in id says 0).
mkdir -p "$stubs/root"
printf '#!/bin/sh\nif [ "$1" = -u ]; then echo 0; else exec /usr/bin/id "$@"; fi\n' > "$stubs/root/id"
chmod +x "$stubs/root/id"
: > "$log"
check "root: script exits 0" "PATH='$stubs/root:$stubs:$PATH' bash scripts/install-system-packages.sh 2>/dev/null"
check "root: apt-get update ran with DEBIAN_FRONTEND" "grep -q '^apt-get update -qq DEBIAN_FRONTEND=noninteractive' '$log'"
check "root: apt-get install got every listed package" "grep -qF -- 'install -y -qq --no-install-recommends $expected DEBIAN_FRONTEND=noninteractive' '$log'"
check "root: no sudo used" "! grep -q '^sudo' '$log'"

# 2. As a user with sudo.
: > "$log"
check "user: script exits 0" "PATH='$stubs/user:$stubs:$PATH' bash scripts/install-system-packages.sh 2>/dev/null"
check "user: went through sudo" "grep -q '^sudo env DEBIAN_FRONTEND=noninteractive apt-get install' '$log'"
check "user: apt-get install got every listed package" "grep -qF -- 'install -y -qq --no-install-recommends $expected DEBIAN_FRONTEND=noninteractive' '$log'"

# 3. --check lists the missing packages and exits 1 without installing.
: > "$log"
check "--check exits 1 when packages are missing" "! PATH='$stubs/root:$stubs:$PATH' bash scripts/install-system-packages.sh --check 2>/dev/null"
check "--check installs nothing" "[ ! -s '$log' ]"

echo "install-script: $passed passed, $failed failed"
[ "$failed" = 0 ]
