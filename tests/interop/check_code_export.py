#!/usr/bin/python3
"""Checks LinearLab's PyTorch code export against PyTorch itself.

    check_code_export.py LINEARLAB_CLI DESIGNS_DIR WORK_DIR

For every *.linearlab.json in DESIGNS_DIR: `linearlab-cli export-code` writes
model.py; build_model() must have LinearLab's state-dict keys and, under the
design's seed, exactly the weights `linearlab-cli init` exports (.safetensors
and .pt, bit for bit); load_weights() must load other exported weights
(.pt, .safetensors, .npz, .json) with strict=True; a forward pass must equal
`linearlab-cli eval` within 1e-5; and `python3 model.py --data D.npz --epochs 1`
must train and save. Exits non-zero with a message on the first mismatch.
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
        if g.shape != w.shape or g.dtype != torch.float32 or not torch.equal(
                g.view(torch.int32), w.to(torch.float32).view(torch.int32)):
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
    for ext in ("pt", "safetensors", "npz", "json"):
        run([cli, "init", design_path, "--seed", "99", "--export", os.path.join(out, "w." + ext)])
    reference = torch.load(os.path.join(out, "w.pt"), weights_only=True)
    for ext in ("pt", "safetensors", "npz", "json"):
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
        got = model(torch.from_numpy(x)).numpy()
    if got.shape != expected.shape or not np.allclose(got, expected, rtol=0, atol=1e-5):
        fail(f"{name}: forward differs from linearlab-cli eval by "
             f"{np.abs(got - expected).max() if got.shape == expected.shape else got.shape}")

    # Synthetic data is not recreated: without --data the script says what to do.
    result = subprocess.run([sys.executable, model_py, "--epochs", "1"], capture_output=True,
                            text=True)
    if result.returncode == 0 or "--data" not in result.stderr:
        fail(f"{name}: without --data expected a clear message, got {result.stderr!r}")

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
    print(f"ok {name}: {line}")


def main():
    cli, designs, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    paths = sorted(glob.glob(os.path.join(designs, "*.linearlab.json")))
    if not paths:
        fail(f"no designs in {designs}")
    for path in paths:
        check_design(cli, path, work)


if __name__ == "__main__":
    main()
