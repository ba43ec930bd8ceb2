#!/usr/bin/env bash
# Portability check (issue 17 item 3): every POSIX/C-library call of a module goes through its
# one internal layer, `Internals/Syscalls*.swift` (swift-system's model), so a port to another
# platform touches one file per module. Fails, listing file:line, on
#   - any other Swift file under Sources/ or Tests/ that imports Glibc, Darwin or Musl, or calls
#     into them by module name (`Glibc.write(…)`);
#   - any Syscalls file whose `#if canImport(Glibc)` chain has no `canImport(Darwin)` branch, or
#     that imports Glibc outside such a chain.
# Comment lines are ignored. Usage: bash .ci/check-portability.sh [folder…] (default: Sources Tests).
set -euo pipefail
cd "$(dirname "$0")/.."
folders=("$@")
[ ${#folders[@]} -gt 0 ] || folders=(Sources Tests)

report=$(mktemp)
trap 'rm -f "$report"' EXIT

while IFS= read -r -d '' file; do
    case "$file" in
    */Internals/Syscalls*.swift)
        # One #if chain at a time (a stack for nesting): a chain that names Glibc must name Darwin.
        awk -v file="$file" '
            function strip(s) { sub(/^[ \t]+/, "", s); return s }
            {
                line = strip($0)
                if (line ~ /^\/\//) next
                if (line ~ /^#if[ \t(]/) {
                    depth++; start[depth] = NR; glibc[depth] = 0; darwin[depth] = 0
                }
                if (depth > 0 && line ~ /^#(if|elseif)[ \t(]/) {
                    if (line ~ /canImport\(Glibc\)/) glibc[depth] = 1
                    if (line ~ /canImport\(Darwin\)/ || line ~ /os\((macOS|iOS|Darwin)\)/) darwin[depth] = 1
                }
                if (line ~ /^#endif/ && depth > 0) {
                    if (glibc[depth] && !darwin[depth])
                        printf "%s:%d: #if canImport(Glibc) has no canImport(Darwin) branch\n", file, start[depth]
                    depth--
                }
                if (line ~ /^(@[A-Za-z_]+[ \t]+)*import[ \t]+(Glibc|Musl|Darwin)([ \t.]|$)/) {
                    if (depth == 0) printf "%s:%d: imports the C library outside an #if canImport chain\n", file, NR
                }
            }
            END { if (depth > 0) printf "%s:%d: #if without #endif\n", file, start[depth] }
        ' "$file" >> "$report"
        ;;
    *)
        awk -v file="$file" '
            {
                line = $0
                sub(/^[ \t]+/, "", line)
                if (line ~ /^\/\//) next
                if (line ~ /^(@[A-Za-z_]+[ \t]+)*import[ \t]+((struct|func|var|let|enum|class|typealias)[ \t]+)?(Glibc|Musl|Darwin)([ \t.]|$)/)
                    printf "%s:%d: imports the C library outside Internals/Syscalls.swift: %s\n", file, NR, line
                else if (line ~ /(^|[^A-Za-z0-9_.])(Glibc|Musl|Darwin)\.[A-Za-z_]/)
                    printf "%s:%d: calls the C library by module name outside Internals/Syscalls.swift: %s\n", file, NR, line
            }
        ' "$file" >> "$report"
        ;;
    esac
done < <(find "${folders[@]}" -name '*.swift' -type f -print0 | sort -z)

if [ -s "$report" ]; then
    cat "$report"
    echo
    echo "portability: $(wc -l < "$report") finding(s) in $(cut -d: -f1 "$report" | sort -u | wc -l) file(s):"
    cut -d: -f1 "$report" | sort | uniq -c | sed 's/^/  /'
    echo "Put the C calls in the module's Internals/Syscalls.swift (see Sources/TokenKit/Internals/Syscalls.swift)."
    exit 1
fi
echo "portability: no C-library import or call outside Internals/Syscalls*.swift, and every Glibc branch has a Darwin one"
