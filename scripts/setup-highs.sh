#!/usr/bin/env bash
# Installs HiGHS (MIT), the default LP backend of `tok mixture`, into the git-ignored prefix
# <repo>/.deps/highs from the PyPI binary distribution `highsbox` (shared library, C headers,
# pkg-config file), and rewrites its highs.pc to point there. Idempotent: returns at once when
# the pinned version is already installed.
#
#   bash scripts/setup-highs.sh            # then: export PKG_CONFIG_PATH="$(bash scripts/setup-highs.sh --pkg-config-path)"
#   bash scripts/setup-highs.sh --pkg-config-path   # prints the folder holding highs.pc (installs first if needed)
#
# Package.swift adds an rpath to <repo>/.deps/highs/highsbox/highs_dist/lib, so the built tools
# run without LD_LIBRARY_PATH. Without HiGHS, build with `swift build --traits CLP` (COIN-OR CLP
# from apt only).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.15.1
PREFIX="$PWD/.deps/highs"
DIST="$PREFIX/highsbox/highs_dist"
PC_DIR="$PREFIX/pkgconfig"
STAMP="$PREFIX/.installed-$VERSION"

if [ ! -f "$STAMP" ] || [ ! -f "$DIST/lib/libhighs.so" ] || [ ! -f "$PC_DIR/highs.pc" ]; then
    rm -rf "$PREFIX"
    mkdir -p "$PREFIX"
    PIP="python3 -m pip"
    $PIP install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$PREFIX" "highsbox==$VERSION" >&2
    [ -f "$DIST/lib/libhighs.so" ] || { echo "setup-highs: highsbox $VERSION has no lib/libhighs.so" >&2; exit 1; }
    [ -f "$DIST/include/highs/interfaces/highs_c_api.h" ] || { echo "setup-highs: highsbox $VERSION has no C API header" >&2; exit 1; }
    # Our own .pc in a folder of its own: highsbox's pkgconfig folder also holds an openblas.pc,
    # which must never shadow the system OpenBLAS. Cflags list both include folders because
    # highs_export.h sits one level above the other headers.
    mkdir -p "$PC_DIR"
    cat > "$PC_DIR/highs.pc" <<PC
prefix=$DIST
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: HiGHS
Description: Linear Optimization Software (from PyPI highsbox $VERSION, installed by scripts/setup-highs.sh)
Version: $VERSION
Libs: -L\${libdir} -lhighs
Cflags: -I\${includedir} -I\${includedir}/highs
PC
    touch "$STAMP"
    echo "setup-highs: HiGHS $VERSION installed in $PREFIX" >&2
fi

if [ "${1:-}" = "--pkg-config-path" ]; then
    echo "$PC_DIR"
fi
