#!/usr/bin/env bash
# Installs HiGHS (MIT), the default LP backend of `tok mixture`, into the git-ignored prefix
# <repo>/.deps/highs from the PyPI binary distribution `highsbox` (shared library, C headers).
# Idempotent: returns at once when the pinned version is already installed.
#
#   bash scripts/setup-highs.sh             # install
#   bash scripts/setup-highs.sh --library   # print the path of libhighs.so (installs first if needed)
#
# Nothing is linked against it: TokenKitMixture loads libhighs with dlopen at run time, from
# $TOKENKIT_HIGHS_LIBRARY, else the system loader, else .deps/highs/highsbox/highs_dist/lib found
# by walking up from the running executable's folder — so this checkout's tok, tests and
# benchmarks find it with no setting, and a build without it simply uses COIN-OR CLP (apt).
# The C API header stays in .deps/highs/highsbox/highs_dist/include/highs/interfaces/ for
# reference: Sources/TokenKitMixture/Solver/HighsLibrary.swift declares the functions it calls.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.15.1
PREFIX="$PWD/.deps/highs"
DIST="$PREFIX/highsbox/highs_dist"
STAMP="$PREFIX/.installed-$VERSION"

if [ ! -f "$STAMP" ] || [ ! -f "$DIST/lib/libhighs.so" ]; then
    rm -rf "$PREFIX"
    mkdir -p "$PREFIX"
    PIP="python3 -m pip"
    $PIP install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$PREFIX" "highsbox==$VERSION" >&2
    [ -f "$DIST/lib/libhighs.so" ] || { echo "setup-highs: highsbox $VERSION has no lib/libhighs.so" >&2; exit 1; }
    [ -f "$DIST/include/highs/interfaces/highs_c_api.h" ] || { echo "setup-highs: highsbox $VERSION has no C API header" >&2; exit 1; }
    touch "$STAMP"
    echo "setup-highs: HiGHS $VERSION installed in $PREFIX" >&2
fi

if [ "${1:-}" = "--library" ]; then
    echo "$DIST/lib/libhighs.so"
fi
