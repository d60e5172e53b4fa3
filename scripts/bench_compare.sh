#!/usr/bin/env bash
# Builds linearlab-bench in Release (-O3 -march=native, the default configuration),
# runs it and scripts/bench_pytorch.py back to back on one thread each, and prints
# a side-by-side Markdown table with the ratios and the targets.
#
#   scripts/bench_compare.sh [--seconds S] [--repeats R]
#
# Environment: BUILD_DIR (default build-bench), SKIP_BUILD=1 to reuse a build,
# TORCH_PYTHON (default /usr/bin/python3, Debian's python3-torch), JOBS (default 2).
# TORCH_BLAS_DIR: a directory holding another libblas.so.3 (e.g. OpenBLAS's, unpacked
# from its .deb); PyTorch then runs a second time with it, for an extra column.
# Debian's torch calls the system BLAS, by default netlib's reference
# implementation, so its matrix products are far slower than an optimised BLAS.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build-bench}"
torch_python="${TORCH_PYTHON:-/usr/bin/python3}"
args=("$@")

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" -j"${JOBS:-2}" --target linearlab-bench >/dev/null
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "# $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/app/linearlab-bench" "${args[@]}" | tee "$out/linearlab.jsonl" >&2
"$torch_python" "$root/scripts/bench_pytorch.py" "${args[@]}" | tee "$out/pytorch.jsonl" >&2
alt=()
if [[ -n "${TORCH_BLAS_DIR:-}" ]]; then
    LD_LIBRARY_PATH="$TORCH_BLAS_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS=1 \
        "$torch_python" "$root/scripts/bench_pytorch.py" "${args[@]}" | tee "$out/pytorch-alt.jsonl" >&2
    alt=("$out/pytorch-alt.jsonl" "$(basename "$TORCH_BLAS_DIR")")
fi
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Any python3 will do for the table; only the benchmark itself needs torch.
python3 - "$out/linearlab.jsonl" "$out/pytorch.jsonl" "${alt[@]}" <<'EOF'
import json
import sys


def load(path):
    with open(path) as f:
        return {r["name"]: r for r in map(json.loads, f) if r}


ours, torch = load(sys.argv[1]), load(sys.argv[2])
alt = load(sys.argv[3]) if len(sys.argv) > 3 else None
alt_label = sys.argv[4] if len(sys.argv) > 4 else "alt BLAS"
# (case, PyTorch case to compare with, minimum speed-up over PyTorch's steps/s)
speedups = [
    ("seed_linear_20x40", "seed_linear_20x40", 8.0),
    ("trainer_seed_linear_20x40", "seed_linear_20x40", None),
    ("mlp_64_256_256_10", "mlp_64_256_256_10", 2.5),
    ("bilinear_32_32_16", "bilinear_32_32_16", 2.5),
    ("linear_1024_fwd_bwd", "linear_1024_fwd_bwd", None),
    ("eigen_gemm_1024", "torch_mm_1024", None),
]


def num(v):
    return f"{v:.3g}" if v < 1000 else f"{v:,.0f}"


def rate(r):
    return f"{num(r['steps_per_s'])} ({num(r['min_steps_per_s'])}–{num(r['max_steps_per_s'])})"


header = ["case", "LinearLab steps/s (min–max)", "PyTorch steps/s (min–max)", "ratio"]
if alt:
    header += [f"PyTorch with {alt_label} steps/s", "ratio"]
header += ["LinearLab GFLOP/s", "PyTorch GFLOP/s", "target", "met"]
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
failed = 0
for name, torch_name, target in speedups:
    o, t = ours.get(name), torch.get(torch_name)
    if o is None or t is None:
        continue
    ratio = o["steps_per_s"] / t["steps_per_s"]
    goal, met = "—", ""
    if target is not None:
        goal, met = f">= {target:g}x", "yes" if ratio >= target else "NO"
    if name == "linear_1024_fwd_bwd" and "eigen_gemm_1024" in ours:
        share = o["gflops"] / ours["eigen_gemm_1024"]["gflops"]
        goal = f">= 80% of eigen_gemm_1024: {share:.0%}"
        met = "yes" if share >= 0.8 else "NO"
    if name == "trainer_seed_linear_20x40" and "seed_linear_20x40" in ours:
        goal = f"(loop: {1 - o['steps_per_s'] / ours['seed_linear_20x40']['steps_per_s']:.0%} slower)"
    failed += met == "NO"
    row = [name if torch_name == name else f"{name} vs {torch_name}", rate(o), rate(t),
           f"{ratio:.1f}x"]
    if alt:
        a = alt.get(torch_name)
        row += [rate(a), f"{o['steps_per_s'] / a['steps_per_s']:.1f}x"] if a else ["—", "—"]
    row += [num(o["gflops"]), num(t["gflops"]), goal, met]
    print("| " + " | ".join(row) + " |")
print()
print("Ratios are of median steps/s; targets are against the first PyTorch column. FLOPs "
      "count only the matrix products in flops_counted; the inputs do not require grad, so "
      "neither side computes the first layer's dX.")
sys.exit(1 if failed else 0)
EOF
