#!/usr/bin/env bash
# Remakes the README's pictures, docs/*.png, from a build: each is the window as a
# new user sees it (fresh settings) on a virtual X screen larger than the window,
# so the pictures are the screen's own pixels. Open them and look before committing.
# usage: scripts/docs_screenshots.sh [BUILD_DIR]   (BUILD_DIR defaults to build)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
command -v xvfb-run >/dev/null 2>&1 || linearlab_install_packages xvfb xauth
# The Chinese picture needs CJK glyphs.
linearlab_install_packages fonts-noto-cjk

app=${1:-build}/app/linearlab
[ -x "$app" ] || { echo "no $app: build the linearlab target first" >&2; exit 1; }
settings=$(mktemp -d)
trap 'rm -rf "$settings"' EXIT
examples=resources/examples

shot() {  # shot PNG [linearlab arguments...]
    local png=$1
    shift
    XDG_CONFIG_HOME=$settings xvfb-run -a -s "-screen 0 2048x1200x24" \
        "$app" "$@" --screenshot "docs/$png" 2>/dev/null
    echo "docs/$png"
}

# The seed example after its 50 epochs, 350 steps (4.5 s at the Watch speed).
shot screenshot.png --train --after 4.5
shot screenshot_1024x700.png --train --after 4.5 --size 1024x700
shot theme_light.png --theme light --train --after 4.5
shot theme_dark.png --theme dark --train --after 4.5
LANG=zh_CN.UTF-8 shot screenshot_zh_CN.png --train --after 4.5
shot welcome.png --show welcome
shot explainer.png --show explainer
shot lesson_init.png --show init
shot lesson_step.png --show step --steps 3 --after 1.5
shot lesson_neurons.png --show neurons "$examples/bilinear_xor.linearlab.json" --steps 24 --after 6.5
shot geometry.png --show geometry "$examples/moons.linearlab.json" --train --after 4
shot collapse.png --show collapse "$examples/moons.linearlab.json" --train --after 4
