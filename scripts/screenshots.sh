#!/usr/bin/env bash
# Screenshots of the window, training each bundled example for a few seconds, at
# 1024x700 (a small laptop) and 1920x1080, under a virtual X server: DIR/NAME_WxH.png.
# Look at them after a layout change: nothing cut off, nothing overlapping.
# usage: scripts/screenshots.sh DIR [BUILD_DIR]   (BUILD_DIR defaults to build)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
command -v xvfb-run >/dev/null 2>&1 || linearlab_install_packages xvfb xauth

out=${1:?usage: scripts/screenshots.sh DIR [BUILD_DIR]}
app=${2:-build}/app/linearlab
[ -x "$app" ] || { echo "no $app: build the linearlab target first" >&2; exit 1; }
mkdir -p "$out"
for design in resources/examples/*.linearlab.json; do
    name=$(basename "$design" .linearlab.json)
    for size in 1024x700 1920x1080; do
        # A screen larger than the window, so the window is never clipped to it.
        xvfb-run -a -s "-screen 0 2048x1200x24" \
            "$app" "$design" --train --after 3 --size "$size" \
            --screenshot "$out/${name}_$size.png" 2>/dev/null
        echo "$out/${name}_$size.png"
    done
done
