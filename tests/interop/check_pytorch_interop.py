#!/usr/bin/python3
"""Checks that weight files LinearLab exported open in PyTorch and NumPy.

    check_pytorch_interop.py <directory written by export_weights_sample>

.pt: torch.load(weights_only=True) gives an OrderedDict of float32 (for
model64, float64) tensors with the right keys and values, bit for bit, and the matching nn module accepts it with
load_state_dict(strict=True). .npz/.npy: numpy.load. .safetensors: the
specification's header rules, checked by hand (and with the safetensors
package when it is installed). .json/.csv: the documented layouts.
Exits non-zero with a message on the first mismatch.
"""
import collections
import csv
import json
import os
import struct
import sys

import numpy as np
import torch


def values(shape, k):
    n = int(np.prod(shape)) if shape else 1
    i = np.arange(n, dtype=np.float64)
    v = 0.5 * (k + 1) + 0.25 * i * np.where(i % 2 == 1, -1.0, 1.0)
    return v.astype(np.float32).reshape(shape)


def values64(shape, k):
    """What export_weights_sample computes in double: (k + 1) / 3 +- 0.1 i, whose
    digits float32 cannot hold."""
    n = int(np.prod(shape)) if shape else 1
    i = np.arange(n, dtype=np.float64)
    return ((k + 1) / 3.0 + 0.1 * i * np.where(i % 2 == 1, -1.0, 1.0)).reshape(shape)


EXPECTED = {
    "model": collections.OrderedDict([("0.weight", values((2, 3), 0)), ("0.bias", values((2,), 1)),
                                      ("2.weight", values((1, 2), 2)), ("2.bias", values((1,), 3))]),
    "model64": collections.OrderedDict([("0.weight", values64((2, 3), 0)),
                                        ("0.bias", values64((2,), 1)),
                                        ("2.weight", values64((1, 2), 2)),
                                        ("2.bias", values64((1,), 3))]),
    "bilinear": collections.OrderedDict([("weight", values((2, 3, 4), 0)),
                                         ("bias", values((2,), 1))]),
    "edge": collections.OrderedDict([("empty_rows", values((0, 3), 0)),
                                     ("empty_cols", values((3, 0), 1)),
                                     ("scalar", values((), 2)),
                                     ("rank4", values((2, 1, 3, 2), 3))]),
}

MODULES = {
    "model": lambda: torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU(),
                                         torch.nn.Linear(2, 1)),
    "model64": lambda: torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU(),
                                           torch.nn.Linear(2, 1)).double(),
    "bilinear": lambda: torch.nn.Bilinear(3, 4, 2),
}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def same(path, got, want):
    """got: name -> np.ndarray in file order."""
    if list(got.keys()) != list(want.keys()):
        fail(f"{path}: keys {list(got.keys())} != {list(want.keys())}")
    for k, w in want.items():
        g = got[k]
        if g.dtype != w.dtype or g.shape != w.shape or not np.array_equal(g, w):
            fail(f"{path}: {k} is {g.dtype} {g.shape} {g.ravel()[:6]}, want {w.shape} {w.ravel()[:6]}")


def check_pt(path, name):
    sd = torch.load(path, weights_only=True)
    if not isinstance(sd, collections.OrderedDict):
        fail(f"{path}: torch.load gave {type(sd)}, not an OrderedDict")
    dtype = torch.float64 if name.endswith("64") else torch.float32
    for k, t in sd.items():
        if not isinstance(t, torch.Tensor) or t.dtype != dtype or not t.is_contiguous():
            fail(f"{path}: {k} is not a contiguous {dtype} tensor")
    same(path, collections.OrderedDict((k, t.numpy()) for k, t in sd.items()), EXPECTED[name])
    if name in MODULES:
        module = MODULES[name]()
        module.load_state_dict(sd, strict=True)
        x = torch.ones(1, 3, dtype=dtype)
        out = module(x) if name.startswith("model") else module(x, torch.ones(1, 4))
        if not torch.isfinite(out).all():
            fail(f"{path}: forward gave {out}")
        # And back: what PyTorch saves from the loaded module is what we wrote.
        same(path + " (reloaded)",
             collections.OrderedDict((k, t.numpy()) for k, t in module.state_dict().items()),
             EXPECTED[name])


def check_npz(path, name):
    with np.load(path, allow_pickle=False) as z:
        same(path, collections.OrderedDict((k, z[k]) for k in z.files), EXPECTED[name])


def check_safetensors(path, name):
    data = open(path, "rb").read()
    (n,) = struct.unpack("<Q", data[:8])
    if n > 100_000_000 or 8 + n > len(data) or n % 8 != 0:
        fail(f"{path}: bad header length {n}")
    header = json.loads(data[8:8 + n].decode("utf-8"),
                        object_pairs_hook=collections.OrderedDict)
    if header.pop("__metadata__", None) != {"format": "pt"}:
        fail(f"{path}: __metadata__ is not {{'format': 'pt'}}")
    buf = data[8 + n:]
    got = collections.OrderedDict()
    end = 0
    for k, info in sorted(header.items(), key=lambda kv: tuple(kv[1]["data_offsets"])):
        b, e = info["data_offsets"]
        size = 8 if name.endswith("64") else 4
        if (info["dtype"] != ("F64" if size == 8 else "F32") or b != end
                or e - b != size * int(np.prod(info["shape"]))):
            fail(f"{path}: {k} entry {info} breaks the layout")
        got[k] = np.frombuffer(buf[b:e], dtype=f"<f{size}").reshape(info["shape"])
        end = e
    if end != len(buf):
        fail(f"{path}: data buffer has {len(buf) - end} trailing bytes")
    same(path, collections.OrderedDict((k, got[k]) for k in header), EXPECTED[name])
    try:
        from safetensors.torch import load_file
    except ImportError:
        return
    sd = load_file(path)
    same(path + " (safetensors)", collections.OrderedDict(
        (k, sd[k].numpy()) for k in header), EXPECTED[name])


def check_json(path, name):
    with open(path) as f:
        doc = json.load(f, object_pairs_hook=collections.OrderedDict)
    got = collections.OrderedDict()
    for k, entry in doc.items():
        dtype = getattr(torch, entry.get("dtype", "float32"))
        t = torch.tensor(entry["values"], dtype=dtype).reshape(entry["shape"])
        if list(torch.tensor(entry["values"]).shape) != entry["shape"] and t.numel() > 0:
            fail(f"{path}: {k} values do not nest as shape {entry['shape']}")
        got[k] = t.numpy()
    same(path, got, EXPECTED[name])


def check_csv(path, name):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    with_dtype = rows[0] == ["name", "shape", "dtype", "values"]
    if rows[0] != ["name", "shape", "values"] and not with_dtype:
        fail(f"{path}: header row is {rows[0]}")
    got = collections.OrderedDict()
    for row in rows[1:]:
        shape = [] if row[1] == "scalar" else [int(d) for d in row[1].split("x")]
        dtype = np.dtype(row[2]) if with_dtype else np.float32
        cells = row[3:] if with_dtype else row[2:]
        got[row[0]] = np.array([float(v) for v in cells], dtype=dtype).reshape(shape)
    same(path, got, EXPECTED[name])


def main():
    directory = sys.argv[1]
    checks = {"pt": check_pt, "npz": check_npz, "safetensors": check_safetensors,
              "json": check_json, "csv": check_csv}
    count = 0
    for name in EXPECTED:
        for ext, check in checks.items():
            check(os.path.join(directory, f"{name}.{ext}"), name)
            count += 1
    w = np.load(os.path.join(directory, "weight.npy"), allow_pickle=False)
    if w.dtype != np.float32 or not np.array_equal(w, EXPECTED["bilinear"]["weight"]):
        fail("weight.npy does not hold the Bilinear weight")
    print(f"PASS: {count + 1} files open in PyTorch {torch.__version__} / NumPy {np.__version__}")


if __name__ == "__main__":
    main()
