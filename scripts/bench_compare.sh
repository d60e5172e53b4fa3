#!/usr/bin/env bash
# LinearLab against PyTorch on the same machine, in one run, both on OpenBLAS.
# Builds linearlab-bench in Release (-O3 -march=native, the default
# configuration), runs it and scripts/bench_pytorch.py back to back on one
# thread each, and prints a Markdown table: steps/s of both, their ratio, and
# LinearLab's GFLOP/s as a share of the machine's limit (each case's largest
# product alone on OpenBLAS's sgemm, measured by linearlab-bench in the same
# process), with the targets.
#
#   scripts/bench_compare.sh [--seconds S] [--repeats R]
#
# Debian's torch calls the system BLAS (libblas.so.3). This script installs
# OpenBLAS (libopenblas0-pthread, which then provides it) when it is missing,
# so that torch runs on an optimised BLAS, as pip's wheels do (MKL or
# OpenBLAS), never on netlib's reference one. Both sides get OpenBLAS's best
# kernels for this CPU (OPENBLAS_CORETYPE, printed) and one thread.
#
# Environment: BUILD_DIR (default build-bench), SKIP_BUILD=1 to reuse a build,
# TORCH_PYTHON (default /usr/bin/python3, Debian's python3-torch), JOBS (default 2),
# BENCH_CORETYPE to choose OpenBLAS's kernels yourself.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build-bench}"
torch_python="${TORCH_PYTHON:-/usr/bin/python3}"
args=("$@")

source "$root/scripts/packages.sh"
linearlab_install_packages libopenblas0-pthread python3-torch

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DLINEARLAB_BLAS=ON >/dev/null
    cmake --build "$build" -j"${JOBS:-2}" --target linearlab-bench >/dev/null
fi

# OpenBLAS 0.3.21 (Debian 12) gives AMD's AVX-512 CPUs its AVX2 kernels; its
# SkylakeX ones run on any CPU with AVX-512 F/BW/DQ/VL/CD and are the
# machine's best. Whatever the environment pinned, both sides get the same.
avx512=1
for flag in avx512f avx512bw avx512dq avx512vl avx512cd; do
    grep -qw "$flag" /proc/cpuinfo || avx512=0
done
before="${OPENBLAS_CORETYPE:-unset}"
if [[ -n "${BENCH_CORETYPE:-}" ]]; then
    export OPENBLAS_CORETYPE="$BENCH_CORETYPE"
elif [[ $avx512 = 1 ]]; then
    export OPENBLAS_CORETYPE=SkylakeX
else
    unset OPENBLAS_CORETYPE
fi
# torch.set_num_threads(1) does not reach a BLAS torch was not built with.
export OPENBLAS_NUM_THREADS=1

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "# $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} (was $before), OPENBLAS_NUM_THREADS=1"
"$build/app/linearlab-bench" "${args[@]}" | tee "$out/linearlab.jsonl" >&2
"$torch_python" "$root/scripts/bench_pytorch.py" "${args[@]}" | tee "$out/pytorch.jsonl" >&2
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Any python3 will do for the table; only the benchmark itself needs torch.
python3 - "$out/linearlab.jsonl" "$out/pytorch.jsonl" <<'EOF'
import json
import sys


def load(path):
    with open(path) as f:
        return {r["name"]: r for r in map(json.loads, f) if r}


ours, torch = load(sys.argv[1]), load(sys.argv[2])
blas = torch.pop("blas", {})
some = next(iter(ours.values()))
print(f"LinearLab: {some['blas']}, {some['threads']} thread. "
      f"PyTorch {blas.get('torch', '?')}: built with "
      f"{'; '.join(b for b in blas.get('built_with', []) if 'BLAS_INFO' in b or 'LAPACK' in b)[:120]}; "
      f"loaded {', '.join(blas.get('loaded', [])) or 'no BLAS library'}"
      f"{' (OpenBLAS ' + blas['openblas_core'] + ' kernels)' if blas.get('openblas_core') else ''}, "
      f"{blas.get('threads', '?')} thread.")
print()

# (case, PyTorch case, target kind, target): "x" a minimum ratio of steps/s,
# "limit" a minimum share of the machine's limit, "bare" at most this much
# slower than seed_linear_20x40.
cases = [
    ("seed_linear_20x40", "seed_linear_20x40", "x", 10.0),
    ("trainer_seed_linear_20x40", "seed_linear_20x40", "x", 10.0),
    ("trainer_seed_linear_20x40", None, "bare", 0.05),
    ("mlp_64_256_256_10", "mlp_64_256_256_10", "limit", 0.85),
    ("mlp_64_256_256_10_float64", "mlp_64_256_256_10_float64", "x", 1.5),
    ("bilinear_32_32_16", "bilinear_32_32_16", "x", 3.0),
    ("linear_1024_fwd_bwd", "linear_1024_fwd_bwd", "limit", 0.9),
    ("eigen_gemm_1024", "torch_mm_1024", None, None),
]


def num(v):
    return f"{v:.3g}" if v < 1000 else f"{v:,.0f}"


def rate(r):
    return f"{num(r['steps_per_s'])} ({num(r['min_steps_per_s'])}–{num(r['max_steps_per_s'])})"


header = ["case", "LinearLab steps/s (min–max)", "PyTorch steps/s (min–max)", "ratio",
          "LinearLab GFLOP/s", "limit: product, GFLOP/s", "of limit", "target", "met"]
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
failed = 0
for name, torch_name, kind, target in cases:
    o = ours.get(name)
    t = torch.get(torch_name) if torch_name else None
    if o is None or (torch_name and t is None):
        continue
    ratio = o["steps_per_s"] / t["steps_per_s"] if t else None
    goal, met = "—", ""
    if kind == "x":
        goal, met = f">= {target:g}x PyTorch", "yes" if ratio >= target else "NO"
    elif kind == "limit":
        goal, met = f">= {target:.0%} of limit", "yes" if o["of_limit"] >= target else "NO"
    elif kind == "bare":
        slower = 1 - o["steps_per_s"] / ours["seed_linear_20x40"]["steps_per_s"]
        goal = f"<= {target:.0%} slower than the bare step: {slower:.0%}"
        met = "yes" if slower <= target else "NO"
    failed += met == "NO"
    label = name if torch_name in (name, None) else f"{name} vs {torch_name}"
    row = [label, rate(o), rate(t) if t else "—", f"{ratio:.1f}x" if ratio else "—",
           num(o["gflops"]), f"{o['limit_product']} {o['limit_kernel']}: {num(o['limit_gflops'])}",
           f"{o['of_limit']:.0%}", goal, met]
    print("| " + " | ".join(row) + " |")
print()
print("Ratios are of median steps/s. FLOPs count only the matrix products in flops_counted; "
      "the inputs do not require grad, so neither side computes the first layer's dX. The "
      "limit is the case's largest product (y = x Aᵀ, result m x n, inner k) alone on one "
      "thread of the named kernel, measured by linearlab-bench in the same run.")
sys.exit(1 if failed else 0)
EOF
