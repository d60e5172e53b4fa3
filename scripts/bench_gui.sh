#!/usr/bin/env bash
# The window against headless training, on a real X server (Xvfb): steps/s of
# both, with every view on screen, and how late the GUI thread runs a 5 ms
# timer meanwhile. Two designs: the seed example, and Linear(512, 512) on
# batches of 256 (the window's heaviest views: a 512 x 512 heatmap per tick).
#
#   scripts/bench_gui.sh [SECONDS]     (default 5 per run)
#
# Environment: BUILD_DIR (default build-bench), SKIP_BUILD=1 to reuse a build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build-bench}"
seconds="${1:-5}"

source "$root/scripts/packages.sh"
linearlab_install_packages xvfb xauth

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" -j"${JOBS:-2}" --target linearlab >/dev/null
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cat >"$out/linear512.linearlab.json" <<'EOF'
{
  "format": "linearlab",
  "version": 1,
  "input": {"features": 512},
  "layers": [{"type": "Linear", "in_features": 512, "out_features": 512}],
  "init": {"seed": 0, "weight": "default"},
  "data": {"dataset": "teacher", "samples": 2048, "seed": 0, "in_features": 512,
           "out_features": 512, "validation_split": 0.2},
  "batch": {"size": 256, "shuffle": true, "drop_last": false},
  "loss": {"type": "MSELoss"},
  "optimizer": {"type": "SGD", "lr": 0.1}
}
EOF

echo "# $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for design in "" "$out/linear512.linearlab.json"; do
    xvfb-run -a -s "-screen 0 1920x1080x24" "$build/app/linearlab" --benchmark "$seconds" $design
done
