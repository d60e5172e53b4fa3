#!/usr/bin/env bash
# Installs what LinearLab needs, builds it (Release, in build/) and launches it.
# Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
# The Chinese window (LANG=zh_CN.UTF-8, --language zh_CN) needs a CJK font.
case "${LANGUAGE:-} ${LC_ALL:-} ${LANG:-} $*" in
    *zh_CN* | *zh-CN* | *"--language zh"*) linearlab_install_packages fonts-noto-cjk ;;
    *) linearlab_install_packages ;;
esac

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
