#!/usr/bin/python3
"""Checks LinearLab's PyTorch code export against PyTorch itself.

    check_code_export.py LINEARLAB_CLI DESIGNS_DIR WORK_DIR

For every *.linearlab.json in DESIGNS_DIR: `linearlab-cli export-code` writes
model.py; build_model() must have LinearLab's state-dict keys and, under the
design's seed, exactly the weights `linearlab-cli init` exports (.safetensors
and .pt, bit for bit); load_weights() must load other exported weights
(.pt, .safetensors, .npz, .json, .csv) with strict=True; a forward pass must
equal `linearlab-cli eval` within 1e-5; make_loss() must give `linearlab-cli
eval --target`'s loss; the script must train on the data export-code wrote
beside it, say how to make it when it is missing, and
`python3 model.py --data D.npz --epochs 1` must train and save. (That the
training replays LinearLab's run is check_script_replay.py's.) Then, on the
first design, every optimizer with keywords of its 1.13 signature (OPTIMIZERS):
make_optimizer() must build that torch.optim class with exactly those values,
and one epoch of the exported script must train with it.
Exits non-zero with a message on the first mismatch.
"""
import collections
import glob
import importlib.util
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore", message="Lazy modules")


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        fail(f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def load_module(path):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def same_bits(what, got, want):
    if list(got.keys()) != list(want.keys()):
        fail(f"{what}: keys {list(got.keys())} != {list(want.keys())}")
    for k in want:
        g, w = got[k].detach().contiguous(), want[k].contiguous()
        # Bit for bit in the design's dtype (the default the exported module set).
        bits = torch.int64 if g.dtype == torch.float64 else torch.int32
        if g.shape != w.shape or g.dtype != torch.get_default_dtype() or w.dtype != g.dtype or \
                not torch.equal(g.view(bits), w.view(bits)):
            fail(f"{what}: {k} differs (max |diff| {(g - w).abs().max().item()})")


def check_design(cli, design_path, work):
    name = os.path.basename(design_path).split(".")[0]
    out = os.path.join(work, name)
    os.makedirs(out, exist_ok=True)
    with open(design_path) as f:
        design = json.load(f)
    model_py = os.path.join(out, "model.py")
    run([cli, "export-code", design_path, "--output", model_py])
    code = load_module(model_py)

    # Initial weights: same keys, same bits as linearlab-cli init under the same seed.
    model = code.build_model()
    for ext in ("safetensors", "pt"):
        path = os.path.join(out, "init." + ext)
        run([cli, "init", design_path, "--export", path])
        reference = (torch.load(path, weights_only=True) if ext == "pt"
                     else code._read_safetensors(path))
        same_bits(f"{name}: build_model() vs init.{ext}", model.state_dict(), reference)
    # Another seed through --seed must agree too: the seed is honoured, not baked in.
    seeded = code.build_model(123)
    path = os.path.join(out, "seed123.safetensors")
    run([cli, "init", design_path, "--seed", "123", "--export", path])
    same_bits(f"{name}: build_model(123)", seeded.state_dict(), code._read_safetensors(path))

    # Loading exported weights (other values than the init) strictly, from every format.
    for ext in ("pt", "safetensors", "npz", "json", "csv"):
        run([cli, "init", design_path, "--seed", "99", "--export", os.path.join(out, "w." + ext)])
    reference = torch.load(os.path.join(out, "w.pt"), weights_only=True)
    for ext in ("pt", "safetensors", "npz", "json", "csv"):
        loaded = code.load_weights(code.build_model(), os.path.join(out, "w." + ext))
        same_bits(f"{name}: load_weights(w.{ext})", loaded.state_dict(), reference)
    # strict=True really is strict: a missing key is refused.
    partial = collections.OrderedDict(list(torch.load(os.path.join(out, "w.pt"), weights_only=True).items())[:-1])
    try:
        code.build_model().load_state_dict(partial, strict=True)
        fail(f"{name}: a state dict missing a key was accepted")
    except RuntimeError:
        pass

    # Forward pass against linearlab-cli eval on the same weights and input.
    features = design["input"]["features"]
    x = np.random.default_rng(0).standard_normal((7, features)).astype(np.float32)
    np.save(os.path.join(out, "x.npy"), x)
    run([cli, "eval", design_path, "--weights", os.path.join(out, "w.safetensors"),
         "--input", os.path.join(out, "x.npy"), "--output", os.path.join(out, "y.npy")])
    expected = np.load(os.path.join(out, "y.npy"))
    model = code.load_weights(code.build_model(), os.path.join(out, "w.safetensors"))
    model.eval()  # as linearlab-cli eval: Dropout is the identity
    with torch.no_grad():
        # In the design's dtype, which the exported module set as torch's default.
        got = model(torch.from_numpy(x).to(torch.get_default_dtype())).numpy()
    if got.shape != expected.shape or not np.allclose(got, expected, rtol=0, atol=1e-5):
        fail(f"{name}: forward differs from linearlab-cli eval by "
             f"{np.abs(got - expected).max() if got.shape == expected.shape else got.shape}")

    # make_loss() on that output equals linearlab-cli eval --target: the loss's keywords
    # (weight and pos_weight as tensors) mean the same to both.
    if design["loss"]["type"] == "CrossEntropyLoss":
        t = np.arange(len(x), dtype=np.int64) % expected.shape[-1]
    else:
        t = np.random.default_rng(3).random(expected.shape).astype(np.float32)
    np.save(os.path.join(out, "t.npy"), t)
    run([cli, "eval", design_path, "--weights", os.path.join(out, "w.safetensors"),
         "--input", os.path.join(out, "x.npy"), "--output", os.path.join(out, "y.npy"),
         "--target", os.path.join(out, "t.npy"), "--loss-output", os.path.join(out, "l.npy")])
    ours = np.load(os.path.join(out, "l.npy"))
    with torch.no_grad():
        theirs = code.make_loss()(torch.from_numpy(got), torch.from_numpy(t)).numpy()
    if ours.shape != theirs.shape or not np.allclose(ours, theirs, rtol=1e-5, atol=1e-6):
        fail(f"{name}: loss {ours} differs from make_loss()'s {theirs}")

    # Without --data the script trains on the data export-code wrote beside it,
    # and without that file it says how to write it.
    # Data LinearLab refuses to train on (too few features) the script refuses too.
    ours = subprocess.run([cli, "train", design_path, "--steps", "2"], capture_output=True,
                          text=True)
    theirs = subprocess.run([sys.executable, model_py, "--steps", "2"], capture_output=True,
                            text=True)
    if ours.returncode == 0 and "trained 2 steps" not in theirs.stdout:
        fail(f"{name}: training on model_data.npz printed {theirs.stdout!r} {theirs.stderr!r}")
    if ours.returncode != 0 and (theirs.returncode == 0 or ours.stderr.strip().split(
            "linearlab-cli: ")[-1] not in theirs.stderr):
        fail(f"{name}: LinearLab says {ours.stderr!r}, the script {theirs.stderr!r}")
    os.rename(os.path.join(out, "model_data.npz"), os.path.join(out, "moved.npz"))
    result = subprocess.run([sys.executable, model_py, "--steps", "2"], capture_output=True,
                            text=True)
    os.rename(os.path.join(out, "moved.npz"), os.path.join(out, "model_data.npz"))
    if result.returncode == 0 or "linearlab-cli export-data" not in result.stderr:
        fail(f"{name}: without its data expected a clear message, got {result.stderr!r}")

    # One epoch of training on an .npz, starting from exported weights.
    n = 40
    data_x = np.random.default_rng(1).standard_normal((n, features)).astype(np.float32)
    outputs = expected.shape[-1]
    if design["loss"]["type"] == "CrossEntropyLoss":
        data_y = np.arange(n, dtype=np.int64) % outputs
    else:
        data_y = np.random.default_rng(2).standard_normal((n, outputs)).astype(np.float32)
    data_path = os.path.join(out, "data.npz")
    np.savez(data_path, x=data_x, y=data_y)
    saved = os.path.join(out, "trained.pt")
    stdout = run([sys.executable, model_py, "--data", data_path, "--epochs", "1",
                  "--weights", os.path.join(out, "w.pt"), "--save", saved])
    line = next((l for l in stdout.splitlines() if l.startswith("epoch 1: loss ")), None)
    if line is None:
        fail(f"{name}: training printed no loss line:\n{stdout}")
    loss = float(line.split()[3].rstrip(","))
    if not np.isfinite(loss):
        fail(f"{name}: training loss {loss}")
    trained = torch.load(saved, weights_only=True)
    if list(trained.keys()) != list(model.state_dict().keys()):
        fail(f"{name}: trained state dict keys {list(trained.keys())}")
    if all(torch.equal(trained[k], model.state_dict()[k]) for k in trained):
        fail(f"{name}: one epoch of training changed no weight")
    # And LinearLab takes the trained weights back.
    run([cli, "eval", design_path, "--weights", saved, "--input", os.path.join(out, "x.npy"),
         "--output", os.path.join(out, "y_trained.npy")])
    if design.get("dtype", "float32") != str(trained["0.weight"].dtype).replace("torch.", ""):
        fail(f"{name}: trained weights are {trained['0.weight'].dtype}, not the design's dtype")
    if "scheduler" in design:
        check_scheduler(cli, design_path, code, out, features, outputs)
    # A float64 design's module set torch's default dtype; the next design starts afresh.
    torch.set_default_dtype(torch.float32)
    print(f"ok {name}: {line}")


# An optimizer section per torch.optim class LinearLab offers, each keyword of its
# signature set away from its default somewhere (maximize where 1.13 has it).
OPTIMIZERS = [
    {"type": "SGD", "lr": 0.05, "momentum": 0.5, "dampening": 0.1, "weight_decay": 0.01,
     "maximize": True},
    {"type": "SGD", "lr": 0.05, "momentum": 0.9, "nesterov": True},
    {"type": "Adam", "lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-7, "weight_decay": 0.01,
     "amsgrad": True, "maximize": True},
    {"type": "AdamW", "lr": 0.01, "weight_decay": 0.1, "maximize": True},
    {"type": "RMSprop", "lr": 0.01, "alpha": 0.9, "eps": 1e-6, "weight_decay": 0.01,
     "momentum": 0.5, "centered": True, "maximize": True},
    {"type": "Adagrad", "lr": 0.05, "lr_decay": 0.01, "weight_decay": 0.01,
     "initial_accumulator_value": 0.1, "eps": 1e-8, "maximize": True},
    {"type": "Adamax", "lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-6, "weight_decay": 0.01,
     "maximize": True},
    {"type": "NAdam", "lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-6, "weight_decay": 0.01,
     "momentum_decay": 0.01},
    {"type": "RAdam", "lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-6, "weight_decay": 0.01},
]


def check_optimizers(cli, design_path, work):
    with open(design_path) as f:
        design = json.load(f)
    out = os.path.join(work, "optimizers")
    os.makedirs(out, exist_ok=True)
    n = 24
    features = design["input"]["features"]
    data_x = np.random.default_rng(3).standard_normal((n, features)).astype(np.float32)
    data_path = os.path.join(out, "data.npz")
    for i, section in enumerate(OPTIMIZERS):
        name = f"{i}_{section['type']}"
        design["optimizer"] = section
        path = os.path.join(out, name + ".linearlab.json")
        with open(path, "w") as f:
            json.dump(design, f)
        model_py = os.path.join(out, name + ".py")
        run([cli, "export-code", path, "--output", model_py])
        code = load_module(model_py)
        model = code.build_model()
        optimizer = code.make_optimizer(model)
        if type(optimizer).__name__ != section["type"]:
            fail(f"{name}: make_optimizer() built {type(optimizer).__name__}")
        group = optimizer.param_groups[0]
        for key, value in section.items():
            if key == "type":
                continue
            got = list(group[key]) if key == "betas" else group[key]
            if got != value:
                fail(f"{name}: {key} is {got!r}, the design says {value!r}")
        if not os.path.exists(data_path):
            with torch.no_grad():
                outputs = model(torch.from_numpy(data_x)).shape[-1]
            data_y = np.random.default_rng(4).standard_normal((n, outputs)).astype(np.float32)
            np.savez(data_path, x=data_x, y=data_y)
        saved = os.path.join(out, name + ".pt")
        stdout = run([sys.executable, model_py, "--data", data_path, "--epochs", "1",
                      "--save", saved])
        line = next((l for l in stdout.splitlines() if l.startswith("epoch 1: loss ")), None)
        if line is None or not np.isfinite(float(line.split()[3].rstrip(","))):
            fail(f"{name}: training printed no finite loss:\n{stdout}")
        trained = torch.load(saved, weights_only=True)
        if all(torch.equal(trained[k], model.state_dict()[k]) for k in trained):
            fail(f"{name}: one epoch of training changed no weight")
        print(f"ok {name}: {line}")


def check_scheduler(cli, design_path, code, out, features, outputs, epochs=8):
    """The exported make_scheduler() and its step helpers give the learning rates
    linearlab-cli train logs, step by step, on the same data in the same order
    (these designs neither shuffle nor hold out a validation set)."""
    n = 50
    x = np.random.default_rng(3).standard_normal((n, features)).astype(np.float32)
    y = np.random.default_rng(4).standard_normal((n, outputs)).astype(np.float32)
    data_path = os.path.join(out, "scheduled.npz")
    np.savez(data_path, x=x, y=y)
    log = os.path.join(out, "scheduled.jsonl")
    run([cli, "train", design_path, "--data", data_path, "--epochs", str(epochs),
         "--log-jsonl", log])
    with open(log) as f:
        logged = [json.loads(line) for line in f]
    model = code.build_model()
    optimizer = code.make_optimizer(model)
    scheduler = code.make_scheduler(optimizer)
    loss_fn = code.make_loss()
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y)),
        batch_size=code.BATCH_SIZE, shuffle=False, drop_last=code.DROP_LAST)
    step = 0
    for _ in range(epochs):
        total, count = 0.0, 0
        for xb, yb in loader:
            lr = optimizer.param_groups[0]["lr"]
            if logged[step]["lr"] != lr:
                fail(f"{design_path}: step {step + 1}: LinearLab's lr {logged[step]['lr']!r}, "
                     f"the exported scheduler's {lr!r}")
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            code.step_scheduler_per_batch(scheduler)
            if abs(logged[step]["loss"] - loss.item()) > 1e-5 * max(1.0, abs(loss.item())):
                fail(f"{design_path}: step {step + 1}: loss {logged[step]['loss']} vs "
                     f"{loss.item()}")
            total += loss.item() * len(xb)
            count += len(xb)
            step += 1
        code.step_scheduler_per_epoch(scheduler, total / count, None)
    if step != len(logged):
        fail(f"{design_path}: LinearLab logged {len(logged)} steps, PyTorch took {step}")
    if len({line["lr"] for line in logged}) < 2:
        fail(f"{design_path}: the lr never changed, which checks nothing")


def main():
    cli, designs, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    paths = sorted(glob.glob(os.path.join(designs, "*.linearlab.json")))
    if not paths:
        fail(f"no designs in {designs}")
    for path in paths:
        check_design(cli, path, work)
    # A design with plain numeric targets, so that every optimizer trains on the same data.
    plain = [p for p in paths if json.load(open(p))["loss"]["type"] == "MSELoss"]
    check_optimizers(cli, plain[0], work)


if __name__ == "__main__":
    main()
