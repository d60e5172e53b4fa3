#!/usr/bin/env bash
# Installs what LinearLab needs, builds it (Release, in build/) and launches it.
# Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
linearlab_install_packages

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build --parallel "$(nproc)"

if [ -x build/app/linearlab ]; then
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        echo "LinearLab: no display found (DISPLAY and WAYLAND_DISPLAY are unset)."
        echo "Running the seed example headless instead; set DISPLAY to open the window."
        exec build/app/linearlab-cli demo
    fi
    exec build/app/linearlab "$@"
fi
exec build/app/linearlab-cli demo "$@"
