#include "core/io/code_export_python.h"

namespace linearlab::io::code_export_python {

// Stepped where the PyTorch docs put it; ReduceLROnPlateau without a validation set
// watches the epoch's mean training loss, as LinearLab's trainer does.
const char* const kSchedulerSteps = R"PY(

def step_scheduler_per_batch(scheduler):
    """OneCycleLR steps after every optimizer.step()."""
    if isinstance(scheduler, torch.optim.lr_scheduler.OneCycleLR):
        scheduler.step()


def step_scheduler_per_epoch(scheduler, train_loss, validation_loss):
    """The other schedulers step after each epoch's batches and validation:
    ReduceLROnPlateau on the validation loss (the epoch's mean training loss
    without a validation set)."""
    if scheduler is None or isinstance(scheduler, torch.optim.lr_scheduler.OneCycleLR):
        return
    if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
        scheduler.step(train_loss if validation_loss is None else validation_loss)
    else:
        scheduler.step()
)PY";

// The parts of the file that do not depend on the design.
const char* const kHeader = R"PY(import argparse
import collections
import csv
import json
import math
import os
import struct
import sys

import numpy as np
import torch
from torch import nn
from torch.nn.modules.linear import NonDynamicallyQuantizableLinear
from torch.utils.data import DataLoader, TensorDataset, random_split
)PY";

const char* const kModelClass = R"PY(

class LinearLabModel(nn.Sequential):
    """nn.Sequential, so the state-dict keys are "0.weight", "2.bias", ..., whose
    Bilinear nodes may also read the network input or an earlier node's output."""

    def forward(self, x):
        outputs = []
        h = x
        for i, module in enumerate(self):
            if isinstance(module, nn.Bilinear):
                source = INPUT2.get(i, "previous")
                if source == "previous":
                    second = h
                elif source == "input":
                    second = x
                else:
                    second = outputs[source]
                h = module(h, second)
            else:
                h = module(h)
            outputs.append(h)
        return h


def _init_after_materializing(init_weight):
    """A forward hook that gives a lazy layer its init scheme right after the
    first forward materialized it (returns None: the output is left alone)."""
    def hook(module, args, output):
        with torch.no_grad():
            init_weight(module.weight)
    return hook
)PY";

const char* const kLoaders = R"PY(

def _read_safetensors(path):
    """The safetensors format: an 8-byte little-endian header length, a JSON
    header, then the tensors' bytes. Uses the safetensors package when present."""
    try:
        from safetensors.torch import load_file
        return load_file(path)
    except ImportError:
        pass
    dtypes = {"F32": "<f4", "F64": "<f8", "F16": "<f2", "I64": "<i8", "I32": "<i4"}
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    if n > 100_000_000 or 8 + n > len(data):
        raise ValueError(f"{path}: bad safetensors header length {n}")
    header = json.loads(data[8:8 + n].decode("utf-8"), object_pairs_hook=collections.OrderedDict)
    header.pop("__metadata__", None)
    buffer = data[8 + n:]
    state = collections.OrderedDict()
    for name, info in header.items():
        if info["dtype"] not in dtypes:
            raise ValueError(f"{path}: {name}: unsupported dtype {info['dtype']}")
        begin, end = info["data_offsets"]
        array = np.frombuffer(buffer[begin:end], dtype=dtypes[info["dtype"]])
        state[name] = torch.from_numpy(array.reshape(info["shape"]).copy())
    return state


def _read_csv_weights(path):
    """LinearLab's CSV layout: a header row name,shape,values (float32) or
    name,shape,dtype,values, then one row per tensor: its name, its dims joined
    by "x" ("scalar" for a 0-dim tensor, "0x3" for an empty one), with the
    second header its dtype (float32 or float64), and its values in row-major
    order (nan, inf, -inf as such)."""
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f) if r]
    typed = bool(rows) and rows[0][:4] == ["name", "shape", "dtype", "values"]
    if not rows or not (typed or rows[0][:3] == ["name", "shape", "values"]):
        raise ValueError(f"{path}: expected the header row name,shape,values "
                         "or name,shape,dtype,values")
    state = collections.OrderedDict()
    for row in rows[1:]:
        name, dims, dtype, values = (row[0], row[1], row[2], row[3:]) if typed else (
            row[0], row[1], "float32", row[2:])
        if dtype not in ("float32", "float64"):
            raise ValueError(f"{path}: {name}: unknown dtype {dtype!r}")
        shape = [] if dims == "scalar" else [int(d) for d in dims.split("x")]
        state[name] = torch.tensor([float(v) for v in values],
                                   dtype=getattr(torch, dtype)).reshape(shape)
    return state


def load_weights(model, path):
    """Loads a weights file LinearLab exported (.pt/.pth, .safetensors, .npz,
    .json, .csv) into the model with load_state_dict(strict=True)."""
    extension = os.path.splitext(path)[1].lower()
    if extension in (".pt", ".pth"):
        state = torch.load(path, weights_only=True)
    elif extension == ".safetensors":
        state = _read_safetensors(path)
    elif extension == ".npz":
        with np.load(path, allow_pickle=False) as archive:
            state = collections.OrderedDict(
                (k, torch.from_numpy(archive[k].copy())) for k in archive.files)
    elif extension == ".json":
        # LinearLab's layout: {"0.weight": {"shape": [...], "values": nested lists}},
        # with "dtype": "float64" where the values are float64.
        with open(path) as f:
            document = json.load(f, object_pairs_hook=collections.OrderedDict)
        state = collections.OrderedDict(
            (k, torch.tensor(v["values"], dtype=getattr(torch, v.get("dtype", "float32")))
             .reshape(v["shape"]))
            for k, v in document.items())
    elif extension == ".csv":
        state = _read_csv_weights(path)
    else:
        raise SystemExit(
            f"{path}: weights are read from .pt, .pth, .safetensors, .npz, .json or .csv")
    model.load_state_dict(state, strict=True)
    return model


def _read_csv(path):
    """A numeric CSV (optionally with a header row and a text label column), as
    LinearLab reads it: the target column is DATA_TARGET (name or index; the last
    column when empty), every other column is a feature."""
    with open(path, newline="") as f:
        first_line = f.readline()
        delimiter = max([",", ";", "\t"], key=first_line.count)
        f.seek(0)
        rows = [r for r in csv.reader(f, delimiter=delimiter) if any(c.strip() for c in r)]

    def is_number(cell):
        try:
            float(cell)
            return True
        except ValueError:
            return False

    if len(rows) == 1:
        header = not any(is_number(c) for c in rows[0])
    else:
        header = any(not is_number(a) and is_number(b) for a, b in zip(rows[0], rows[1]))
    names = [c.strip() for c in rows[0]] if header else [str(i) for i in range(len(rows[0]))]
    body = rows[1:] if header else rows
    if DATA_TARGET == "":
        target = len(names) - 1
    elif DATA_TARGET.isdigit():
        target = int(DATA_TARGET)
    else:
        target = names.index(DATA_TARGET)
    features = [c for c in range(len(names)) if c != target]
    x = np.array([[float(r[c]) for c in features] for r in body], dtype=np.float64)
    labels = [r[target].strip() for r in body]
    numeric = all(is_number(v) for v in labels)
    if DATA_CLASSIFICATION or not numeric:
        values = [float(v) for v in labels] if numeric else []
        if numeric and all(v >= 0 and v == int(v) for v in values):
            y = np.array(values, dtype=np.int64)  # integer labels are the class indices
        else:
            order = {}
            y = np.array([order.setdefault(v, len(order)) for v in labels], dtype=np.int64)
    else:
        y = np.array([float(v) for v in labels], dtype=np.float64)
    if DATA_STANDARDIZE:
        std = x.std(axis=0)
        x = (x - x.mean(axis=0)) / np.where(std > 0, std, 1.0)
    return x, y


def _tensors(x, y):
    """A TensorDataset of x (N, features) and y: integer class labels as int64
    indices (N,) for a loss that takes them, else (N, targets) in torch's
    default dtype (CrossEntropyLoss reads a float y (N, C) as class probabilities)."""
    x = torch.as_tensor(np.asarray(x).reshape(len(x), -1), dtype=torch.get_default_dtype())
    y = np.asarray(y)
    if LOSS_TAKES_CLASS_INDICES and np.issubdtype(y.dtype, np.integer):
        y = torch.as_tensor(y.astype(np.int64).reshape(-1))
    else:
        y = torch.as_tensor(np.asarray(y).reshape(len(y), -1), dtype=torch.get_default_dtype())
    return TensorDataset(x, y)


def make_data(path=None):
    """The training and validation sets (None when there is none), by default
    from SPLIT_DATA, the .npz `linearlab-cli export-data` writes: x_train,
    y_train, x_val, y_val, the samples LinearLab trains and validates on, in
    its order. `path` (or, without SPLIT_DATA, the design's data file) may also
    be an .npz with arrays x and y, or a CSV; those are split as LinearLab splits
    them: random_split under the data seed."""
    path = path or (SPLIT_DATA if os.path.exists(SPLIT_DATA) else DATA_FILE)
    if not path:
        raise SystemExit(
            f"{SPLIT_DATA}: not found; write this design's {DATA_DATASET!r} dataset there with "
            f"`linearlab-cli export-data DESIGN --output {SPLIT_DATA}`, or pass --data FILE")
    extension = os.path.splitext(path)[1].lower()
    if extension == ".npz":
        with np.load(path, allow_pickle=False) as archive:
            if "x_train" in archive.files:
                validation = None
                if len(archive["x_val"]) > 0:
                    validation = _tensors(archive["x_val"], archive["y_val"])
                return _tensors(archive["x_train"], archive["y_train"]), validation
            x, y = archive["x"], archive["y"]
    elif extension in (".csv", ".tsv", ".txt"):
        x, y = _read_csv(path)
    else:
        raise SystemExit(f"{path}: data is read from .csv or .npz files (arrays x and y)")
    dataset = _tensors(x, y)
    n_validation = int(len(dataset) * VALIDATION_SPLIT)
    if n_validation == 0:
        return dataset, None
    train_set, validation_set = random_split(
        dataset, [len(dataset) - n_validation, n_validation],
        generator=torch.Generator().manual_seed(DATA_SEED))
    return train_set, validation_set
)PY";

const char* const kMain = R"PY(

def train_step(model, loss_fn, optimizer, x, y):
    """One optimizer step on the batch (x, y); returns the batch's loss."""
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


def validation_loss(model, loss_fn, validation_set):
    """The loss over the whole validation set in one batch, as LinearLab evaluates it."""
    model.eval()
    with torch.no_grad():
        x, y = next(iter(DataLoader(validation_set, batch_size=len(validation_set))))
        loss = loss_fn(model(x), y).item()
    model.train()
    return loss


def train(model, train_set, validation_set, epochs=EPOCHS, steps=STEPS, seed=SEED, log=None):
    """LinearLab's run: its batches in its order, up to its limits (0 is no
    limit; the first reached ends the run; with neither, one epoch, as
    linearlab-cli train runs it). Each step writes to `log`, when
    given, the JSON line `linearlab-cli train --log-jsonl` writes. Returns the
    steps taken, the epochs completed and the last batch's loss."""
    # LinearLab shuffles as DataLoader(generator=...) does under the init seed:
    # each epoch draws an int64 base seed, then torch.randperm(N).
    loader = DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=SHUFFLE, drop_last=DROP_LAST,
                        generator=torch.Generator().manual_seed(seed))
    if len(loader) == 0:
        raise SystemExit(f"drop_last leaves no batch: the training set has {len(train_set)} "
                         "samples, fewer than batch_size")
    loss_fn = make_loss()
    optimizer = make_optimizer(model)
    scheduler = make_scheduler(optimizer)
    if epochs == 0 and steps == 0:
        epochs = 1

    def limit_reached():
        return (epochs > 0 and epoch >= epochs) or (steps > 0 and step >= steps)

    step, epoch, loss = 0, 0, float("nan")
    model.train()
    while not limit_reached():
        total, count = 0.0, 0
        for x, y in loader:
            lr = optimizer.param_groups[0]["lr"]  # the lr this step uses
            loss = train_step(model, loss_fn, optimizer, x, y)
            if not math.isfinite(loss):
                raise SystemExit(f"step {step + 1}: the loss is {loss}")
            step_scheduler_per_batch(scheduler)
            step += 1
            total, count = total + loss * len(x), count + len(x)
            if log is not None:
                # `epoch` counts the epochs completed before this step, as LinearLab's does.
                record = {"step": step, "epoch": epoch, "loss": loss, "lr": lr}
                log.write(json.dumps(record) + "\n")
                log.flush()
            if limit_reached():  # stop before the next batch: an epoch ending here is not done
                break
        else:
            epoch += 1
            line = f"epoch {epoch}: loss {total / max(count, 1):.6g}"
            val_loss = None
            if validation_set is not None:
                val_loss = validation_loss(model, loss_fn, validation_set)
                line += f", validation loss {val_loss:.6g}"
            print(line, flush=True)
            step_scheduler_per_epoch(scheduler, total / max(count, 1), val_loss)
    return step, epoch, loss


def main():
    parser = argparse.ArgumentParser(description="Train the LinearLab design in PyTorch.")
    parser.add_argument("--weights",
                        help="weights to start from (.pt, .safetensors, .npz, .json, .csv)")
    parser.add_argument("--data", help=f"data file (default: {os.path.basename(SPLIT_DATA)}): "
                                       ".npz with x_train, y_train, x_val, y_val or with x, y; .csv")
    parser.add_argument("--epochs", type=int, help=f"epochs to train (default: {EPOCHS})")
    parser.add_argument("--steps", type=int, help=f"optimizer steps to take (default: {STEPS})")
    parser.add_argument("--seed", type=int, default=SEED,
                        help="torch.manual_seed for the init; also seeds the shuffling")
    parser.add_argument("--log-jsonl", help="write one JSON line per step: step, epoch, loss")
    parser.add_argument("--save", help="write the trained state dict here (torch.save)")
    args = parser.parse_args()
    # linearlab-cli train's rule: --steps alone lifts the design's epoch limit.
    epochs = EPOCHS if args.epochs is None else args.epochs
    steps = STEPS if args.steps is None else args.steps
    if args.steps is not None and args.epochs is None:
        epochs = 0

    model = build_model(args.seed)
    if args.weights:
        load_weights(model, args.weights)
    train_set, validation_set = make_data(args.data)
    features = train_set[0][0].shape[-1]
    if features != INPUT_FEATURES:
        raise SystemExit(f"the data has {features} features but the design's input has "
                         f"{INPUT_FEATURES}")
    log = open(args.log_jsonl, "w") if args.log_jsonl else None
    try:
        taken, epochs_done, loss = train(model, train_set, validation_set, epochs, steps, args.seed, log)
    finally:
        if log is not None:
            log.close()
    line = f"trained {taken} steps ({epochs_done} epochs): loss {loss!r}"
    if validation_set is not None:
        line += f", validation loss {validation_loss(model, make_loss(), validation_set)!r}"
    print(line)
    if args.save:
        torch.save(model.state_dict(), args.save)
        print(f"wrote {args.save}")


if __name__ == "__main__":
    main()
)PY";

}  // namespace linearlab::io::code_export_python
