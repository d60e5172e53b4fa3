#!/usr/bin/env bash
# Installs what LinearLab needs, builds it and runs the whole test suite.
#   scripts/test.sh             Release tree in build/
#   scripts/test.sh --sanitize  AddressSanitizer + UBSan tree in build-sanitize/
# The exit status is ctest's.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
linearlab_install_packages

build=build
# Warnings are errors here, so a new one fails the suite instead of scrolling by.
flags=(-DCMAKE_BUILD_TYPE=Release -DLINEARLAB_WERROR=ON)
if [ "${1:-}" = "--sanitize" ]; then
    build=build-sanitize
    # -O1 keeps the sanitized run quick; -march=native stays so the same code paths run.
    # Not -Werror: at -O1 with the sanitizers' instrumentation GCC 12 reports
    # -Wuninitialized inside its own AVX-512 intrinsics as Eigen inlines them, which
    # the Release run (with -Werror) does not; the code is the same.
    flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DLINEARLAB_SANITIZE=ON)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

cmake -S . -B "$build" "${flags[@]}"
cmake --build "$build" --parallel "$(nproc)"
cd "$build"
ctest --output-on-failure --parallel "$(nproc)"
