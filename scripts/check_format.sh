#!/usr/bin/env bash
# Fails when any C++ file differs from what .clang-format makes of it; prints
# the files and the command that fixes them. Installs clang-format when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
command -v clang-format >/dev/null 2>&1 || linearlab_install_packages clang-format

bad=()
while IFS= read -r f; do
    clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files '*.cpp' '*.h')
if [ ${#bad[@]} -gt 0 ]; then
    echo "These files are not formatted with .clang-format:" >&2
    printf '  %s\n' "${bad[@]}" >&2
    echo "Fix: clang-format -i ${bad[*]}" >&2
    exit 1
fi
echo "clang-format: $(git ls-files '*.cpp' '*.h' | wc -l) files formatted"
