#!/usr/bin/python3
"""Checks that the exported PyTorch script replays LinearLab's training run.

    check_script_replay.py LINEARLAB_CLI DESIGNS_DIR WORK_DIR

For every *.linearlab.json in DESIGNS_DIR (built-in datasets or a data file
beside it, such as soft_targets.npz's class probabilities; shuffle on):
`linearlab-cli export-code` writes model.py and model_data.npz beside it;
`python3 model.py --log-jsonl` and `linearlab-cli train --log-jsonl` on the
same design must log the same lines: the same fields, the same step and epoch
on every line, every other field within 1e-5, and as many lines as the
design's "train" limits allow. A run of the script's train() under another
shuffling seed must differ, so the comparison can tell batch orders apart.
Exits non-zero with a message on the first mismatch.
"""
import contextlib
import glob
import importlib.util
import io
import json
import os
import subprocess
import sys
import warnings

import torch

warnings.filterwarnings("ignore", message="Lazy modules")

TOLERANCE = 1e-5


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(args, cwd=None):
    result = subprocess.run(args, capture_output=True, text=True, cwd=cwd)
    if result.returncode != 0:
        fail(f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def read_log(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def largest_difference(what, ours, theirs):
    """Compares two logs line by line; returns the largest difference of a
    non-integer field. Integer fields (step, epoch) must be equal."""
    if len(ours) != len(theirs):
        fail(f"{what}: {len(theirs)} lines against LinearLab's {len(ours)}")
    worst = 0.0
    for n, (a, b) in enumerate(zip(ours, theirs), 1):
        if list(a.keys()) != list(b.keys()):
            fail(f"{what}: line {n} has fields {list(b.keys())}, LinearLab's {list(a.keys())}")
        for key in a:
            if isinstance(a[key], int) and not isinstance(a[key], bool):
                if a[key] != b[key]:
                    fail(f"{what}: line {n}: {key} {b[key]}, LinearLab's {a[key]}")
            else:
                worst = max(worst, abs(float(a[key]) - float(b[key])))
    return worst


def load_module(path):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_design(cli, design_path, work):
    name = os.path.basename(design_path).split(".")[0]
    out = os.path.join(work, name)
    os.makedirs(out, exist_ok=True)
    with open(design_path) as f:
        design = json.load(f)
    if not design["batch"].get("shuffle"):
        fail(f"{name}: the check is for shuffled designs")
    model_py = os.path.join(out, "model.py")
    for stale in ("model_data.npz", "ours.jsonl", "theirs.jsonl"):
        if os.path.exists(os.path.join(out, stale)):
            os.remove(os.path.join(out, stale))
    # A design's data file is named relative to the design (soft_targets.npz).
    here = os.path.dirname(os.path.abspath(design_path))
    run([cli, "export-code", design_path, "--output", model_py], cwd=here)
    if not os.path.exists(os.path.join(out, "model_data.npz")):
        fail(f"{name}: export-code wrote no model_data.npz")

    ours_log, theirs_log = os.path.join(out, "ours.jsonl"), os.path.join(out, "theirs.jsonl")
    ours_out = run([cli, "train", design_path, "--log-jsonl", ours_log], cwd=here)
    theirs_out = run([sys.executable, model_py, "--log-jsonl", theirs_log])
    ours, theirs = read_log(ours_log), read_log(theirs_log)
    worst = largest_difference(name, ours, theirs)
    if worst > TOLERANCE:
        fail(f"{name}: a field differs from LinearLab's by {worst}")

    # As many steps as the limits give, whichever comes first; none is one epoch.
    code = load_module(model_py)
    train_set, validation_set = code.make_data()
    limits = design.get("train", {})
    epochs, steps = limits.get("epochs", 0), limits.get("steps", 0)
    if epochs == 0 and steps == 0:
        epochs = 1
    size, drop_last = design["batch"]["size"], design["batch"].get("drop_last", False)
    batches = len(train_set) // size if drop_last else -(-len(train_set) // size)
    expected = min(steps or float("inf"), epochs * batches or float("inf"))
    if len(ours) != expected:
        fail(f"{name}: {len(ours)} steps logged, the limits give {expected}")
    summary = lambda text: next(l for l in text.splitlines() if l.startswith("trained "))
    counts = lambda line: line.split(":")[0]  # "trained 25 steps (1 epochs)"
    if counts(summary(ours_out)) != counts(summary(theirs_out)):
        fail(f"{name}: the script {counts(summary(theirs_out))!r}, "
             f"LinearLab {counts(summary(ours_out))!r}")
    seen = sorted({line["epoch"] for line in ours})
    if len(seen) < 2:
        fail(f"{name}: the run should cross an epoch boundary (epochs {seen})")

    # The comparison sees the batch order: another shuffling seed logs otherwise.
    other = os.path.join(out, "other_seed.jsonl")
    with open(other, "w") as log, contextlib.redirect_stdout(io.StringIO()):
        code.train(code.build_model(), train_set, validation_set,
                   epochs=epochs, steps=steps, seed=code.SEED + 1, log=log)
    if largest_difference(name + " (another seed)", ours, read_log(other)) <= TOLERANCE:
        fail(f"{name}: another shuffling seed logged the same losses")
    print(f"ok {name}: {len(ours)} steps over epochs {seen[0]}..{seen[-1]}, "
          f"largest difference {worst:.3g}")


def main():
    cli = sys.argv[1]
    designs, work = (os.path.abspath(a) for a in sys.argv[2:4])
    os.makedirs(work, exist_ok=True)
    torch.set_num_threads(1)
    paths = sorted(glob.glob(os.path.join(designs, "*.linearlab.json")))
    if not paths:
        fail(f"no designs in {designs}")
    for path in paths:
        check_design(cli, path, work)


if __name__ == "__main__":
    main()
