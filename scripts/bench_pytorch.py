#!/usr/bin/python3
"""linearlab-bench's cases in PyTorch eager mode, one JSON line per case.

Run with Debian's /usr/bin/python3 (python3-torch). Same fields, batch sizes,
FLOP counts and timing scheme (warm-up, then the median of --repeats timed runs
sharing --seconds) as app/linearlab-bench, so scripts/bench_compare.sh can put
the two side by side.
"""
import argparse
import ctypes
import json
import math
import os
import time

import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)


def measure(args, name, batch, flops_per_step, flops_counted, step):
    repeats = max(1, args.repeats)
    per_run = max(args.seconds, 1e-3) / repeats
    warm = 0
    start = time.perf_counter()
    # At least 3 warm-up steps, unless one step already outlasts a timed run.
    while True:
        step()
        warm += 1
        elapsed = time.perf_counter() - start
        if elapsed >= per_run / 5 and (warm >= 3 or elapsed >= per_run):
            break
    step_time = (time.perf_counter() - start) / warm
    steps_per_run = max(1, math.ceil(per_run / step_time))
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(steps_per_run):
            step()
        rates.append(steps_per_run / (time.perf_counter() - start))
    rates.sort()
    mid = len(rates) // 2
    median = rates[mid] if len(rates) % 2 else (rates[mid - 1] + rates[mid]) / 2
    return {
        "name": name,
        "impl": "pytorch",
        "steps_per_s": median,
        "samples_per_s": median * batch,
        "gflops": median * flops_per_step * 1e-9,
        "threads": torch.get_num_threads(),
        "batch": batch,
        "flops_per_step": flops_per_step,
        "flops_counted": flops_counted,
        "min_steps_per_s": rates[0],
        "max_steps_per_s": rates[-1],
        "repeats": repeats,
        "steps": steps_per_run * repeats,
        "torch": torch.__version__,
    }


def train_step(model, criterion, optimizer, inputs, target):
    def step():
        optimizer.zero_grad()
        loss = criterion(model(*inputs), target)
        loss.backward()
        optimizer.step()

    return step


def seed_linear(args):
    n, fin, fout = 128, 20, 40
    model = nn.Linear(fin, fout)
    step = train_step(model, nn.MSELoss(), torch.optim.SGD(model.parameters(), lr=0.01),
                      (torch.randn(n, fin),), torch.randn(n, fout))
    return measure(args, "seed_linear_20x40", n, 2.0 * 2 * n * fin * fout, "fwd+dW", step)


def mlp_of(args, name, dtype):
    n, fin, h, classes = 256, 64, 256, 10
    model = nn.Sequential(nn.Linear(fin, h), nn.ReLU(), nn.Linear(h, h), nn.ReLU(),
                          nn.Linear(h, classes)).to(dtype)
    step = train_step(model, nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters()),
                      (torch.randn(n, fin, dtype=dtype),), torch.randint(0, classes, (n,)))
    fwd = 2.0 * n * (fin * h + h * h + h * classes)
    result = measure(args, name, n, 2 * fwd + 2.0 * n * (h * h + h * classes),
                     "fwd+dW+dX(layers 2,3)", step)
    result["dtype"] = str(dtype).replace("torch.", "")
    return result


def mlp(args):
    return mlp_of(args, "mlp_64_256_256_10", torch.float32)


def mlp_float64(args):
    return mlp_of(args, "mlp_64_256_256_10_float64", torch.float64)


def bilinear(args):
    n, in1, in2, out = 256, 32, 32, 16
    model = nn.Bilinear(in1, in2, out)
    step = train_step(model, nn.MSELoss(), torch.optim.SGD(model.parameters(), lr=0.01),
                      (torch.randn(n, in1), torch.randn(n, in2)), torch.randn(n, out))
    return measure(args, "bilinear_32_32_16", n, 2.0 * 2 * n * in1 * in2 * out, "fwd+dW", step)


def linear_1024(args):
    n = 1024
    model = nn.Linear(n, n)
    x = torch.randn(n, n)  # requires_grad=False: autograd skips dX, as the native case does
    grad = torch.randn(n, n)

    def step():
        model.zero_grad()
        model(x).backward(grad)

    return measure(args, "linear_1024_fwd_bwd", n, 2.0 * 2 * n * n * n, "fwd+dW", step)


def gemm_1024(args):
    n = 1024
    a, b = torch.randn(n, n), torch.randn(n, n)
    c = torch.empty(n, n)

    def step():
        torch.mm(a, b, out=c)

    return measure(args, "torch_mm_1024", n, 2.0 * n * n * n, "C=AB", step)


CASES = {
    "seed_linear_20x40": seed_linear,
    "mlp_64_256_256_10": mlp,
    "bilinear_32_32_16": bilinear,
    "linear_1024_fwd_bwd": linear_1024,
    "torch_mm_1024": gemm_1024,
    "mlp_64_256_256_10_float64": mlp_float64,
}


def blas_in_use():
    """What torch was built against, and the BLAS library this process loaded."""
    torch.mm(torch.randn(64, 64), torch.randn(64, 64))  # the BLAS is loaded by now
    built = [line.strip() for line in torch.__config__.show().splitlines()
             if "BLAS" in line or "LAPACK" in line]
    loaded = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            if "blas" in path.lower() or "mkl" in path.lower():
                loaded.add(os.path.realpath(path))
    core = ""
    for path in sorted(loaded):
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            core = lib.openblas_get_corename().decode()
        except (OSError, AttributeError):
            pass
    return {"name": "blas", "impl": "pytorch", "torch": torch.__version__,
            "built_with": built, "loaded": sorted(loaded), "openblas_core": core,
            "threads": torch.get_num_threads()}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--case", choices=sorted(CASES))
    args = parser.parse_args()
    print(json.dumps(blas_in_use()), flush=True)
    for name, run in CASES.items():
        if args.case in (None, name):
            print(json.dumps(run(args)), flush=True)


if __name__ == "__main__":
    main()
