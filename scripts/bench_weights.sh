#!/usr/bin/env bash
# Times every weights format at a size where a loader that is not linear in its
# input stands out. linearlab-bench --weights writes a state dict of N tensors
# of shape [2] ("0.weight", "1.weight", ...) in each format with LinearLab's own
# writer, then times io::readWeights and the inspect listing in process; this
# script then times the whole `linearlab-cli inspect FILE` process on each file
# (start-up and output included) and prints a Markdown table.
#
#   scripts/bench_weights.sh [--tensors N] [--repeats R] [--format EXT]
#
# Environment: BUILD_DIR (default build-bench), SKIP_BUILD=1 to reuse a build,
# JOBS (default 2), TARGET_SECONDS (default 2: the most `linearlab-cli inspect`
# may take per file). Exits 1 when a format fails or misses the target.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build-bench}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" -j"${JOBS:-2}" --target linearlab-bench linearlab-cli >/dev/null
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "# $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
# A failing format still prints its line (with "error"); the table reports it.
"$build/app/linearlab-bench" --weights --dir "$out" "$@" | tee "$out/bench.jsonl" >&2 || true

status=0
python3 - "$out/bench.jsonl" "$out" "$build/app/linearlab-cli" "${TARGET_SECONDS:-2}" <<'EOF' || status=$?
import json
import os
import statistics
import subprocess
import sys
import time

lines, directory, cli, target = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
with open(lines) as f:
    results = [json.loads(line) for line in f if line.strip()]

header = ["format", "tensors", "file MB", "write s", "io::readWeights s (min–max)",
          "inspect in process s", "`linearlab-cli inspect` s", f"< {target:g} s"]
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
failed = 0
for r in results:
    if "error" in r:
        failed += 1
        print(f"| {r['format']} | {r['tensors']:,} | | | error: {r['error']} | | | NO |")
        continue
    path = os.path.join(directory, "weights." + r["format"])
    runs = []
    for _ in range(r["repeats"]):
        start = time.perf_counter()
        subprocess.run([cli, "inspect", path], check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - start)
    process = statistics.median(runs)
    met = process < target
    failed += not met
    print(f"| {r['format']} | {r['tensors']:,} | {r['file_bytes'] / 1e6:.1f} | {r['write_s']:.3g} "
          f"| {r['read_s']:.3g} ({r['min_read_s']:.3g}–{r['max_read_s']:.3g}) "
          f"| {r['inspect_s']:.3g} | {process:.3g} | {'yes' if met else 'NO'} |")
print()
print("Medians of the timed runs; write is one io::writeWeights (fsync included). "
      "The process time includes start-up and printing the listing to /dev/null.")
sys.exit(1 if failed else 0)
EOF
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
