#!/usr/bin/env bash
# Installs what LinearLab needs, builds it and runs the whole test suite.
#   scripts/test.sh             Release tree in build/
#   scripts/test.sh --sanitize  AddressSanitizer + UBSan tree in build-sanitize/
#   scripts/test.sh --tsan      ThreadSanitizer tree in build-tsan/; any report
#                               not suppressed in tests/tsan.supp fails its test
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
    # -g1 (line tables, no variable info) is all a sanitizer report needs for its
    # file:line stacks; full -g made each of the ~80 test programs about 250 MB.
    # Not -Werror: at -O1 with the sanitizers' instrumentation GCC 12 reports
    # -Wuninitialized inside its own AVX-512 intrinsics as Eigen inlines them, which
    # the Release run (with -Werror) does not; the code is the same.
    # Without OpenBLAS (Eigen's kernels only): the Release tree tests the other
    # path, and OpenBLAS's assembly is not instrumented.
    flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DLINEARLAB_SANITIZE=ON
           -DLINEARLAB_BLAS=OFF)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
elif [ "${1:-}" = "--tsan" ]; then
    build=build-tsan
    # -O1 -g1 and no -Werror for the same reasons as --sanitize: GCC 12's
    # -Wuninitialized in its AVX-512 headers appears at -O1 with the instrumentation.
    # Without OpenBLAS too: its threads are not instrumented, so ThreadSanitizer
    # would report their synchronisation as races.
    flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DLINEARLAB_TSAN=ON
           -DLINEARLAB_BLAS=OFF)
    # A report stops the process with exit code 66, so its test fails; the
    # suppressions are only for code that is not ours, each entry says why.
    # history_size=7 (the most) keeps the stack of a race's earlier access, which
    # the default often loses on the training thread ("failed to restore the stack").
    export TSAN_OPTIONS="suppressions=$PWD/tests/tsan.supp halt_on_error=1 second_deadlock_stack=1 history_size=7"
elif [ -n "${1:-}" ]; then
    echo "usage: scripts/test.sh [--sanitize | --tsan]" >&2
    exit 2
fi

if [ "$build" = build ]; then
    # The Release tree tests the kernels LinearLab picks on its own. A pinned
    # OPENBLAS_CORETYPE (AVX2 kernels on an AVX-512 CPU, say) would send every
    # single-threaded product to Eigen and leave the OpenBLAS path untested.
    unset OPENBLAS_CORETYPE
fi
cmake -S . -B "$build" "${flags[@]}"
cmake --build "$build" --parallel "$(nproc)"
cd "$build"
ctest --output-on-failure --parallel "$(nproc)"
