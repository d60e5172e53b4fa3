#include "core/io/code_export.h"

#include "core/nn/layer_table.h"
#include "core/nn/network.h"
#include "core/nn/python_format.h"

#include <cstdio>
#include <sstream>

namespace linearlab::io {

namespace {

using nn::pythonBool;
using nn::pythonFloat;

/// A Python string literal for any text (file names included).
std::string pyString(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string num(nn::Index v) {
    return std::to_string(v);
}

/// The torch.nn.init call for a weight `w`, or empty for "default".
std::string initCall(const nn::InitSpec& s, const std::string& w) {
    const std::string& k = s.scheme;
    const std::string f = "nn.init." + k + "(" + w;
    if (k == "default")
        return "";
    if (k == "uniform_")
        return f + ", a=" + pythonFloat(s.a.value_or(0.0)) +
               ", b=" + pythonFloat(s.b.value_or(1.0)) + ")";
    if (k == "normal_")
        return f + ", mean=" + pythonFloat(s.mean) + ", std=" + pythonFloat(s.std) + ")";
    if (k == "constant_")
        return f + ", " + pythonFloat(s.val) + ")";
    if (k == "xavier_uniform_" || k == "xavier_normal_" || k == "orthogonal_")
        return f + ", gain=" + pythonFloat(s.gain) + ")";
    if (k == "kaiming_uniform_" || k == "kaiming_normal_")
        return f + ", a=" + pythonFloat(s.a.value_or(0.0)) + ", mode=" + pyString(s.mode) +
               ", nonlinearity=" + pyString(s.nonlinearity) + ")";
    if (k == "trunc_normal_")
        return f + ", mean=" + pythonFloat(s.mean) + ", std=" + pythonFloat(s.std) +
               ", a=" + pythonFloat(s.a.value_or(-2.0)) + ", b=" + pythonFloat(s.b.value_or(2.0)) +
               ")";
    return f + ")";  // zeros_, ones_, eye_
}

/// A keyword's value as Python writes it: 0.01, True, (0.9, 0.999).
std::string pythonValue(const nn::OptimizerValue& value) {
    if (const auto* number = std::get_if<double>(&value))
        return pythonFloat(*number);
    if (const auto* flag = std::get_if<bool>(&value))
        return pythonBool(*flag);
    const auto& pair = std::get<std::array<double, 2>>(value);
    return "(" + pythonFloat(pair[0]) + ", " + pythonFloat(pair[1]) + ")";
}

/// The keywords the design sets, in the table's order; omitted ones keep PyTorch's defaults.
std::string optimizerCall(const nn::OptimizerOptions& o) {
    std::string args = "model.parameters()";
    for (nn::OptimizerKeyword k : nn::optimizerKeywords())
        if (const auto value = nn::keywordValue(o, k))
            args += std::string(", ") + nn::keywordName(k) + "=" + pythonValue(*value);
    return "torch.optim." + o.type + "(" + args + ")";
}

std::string lossCall(const train::Design& d) {
    std::string args;
    for (nn::LossKeyword k : nn::lossKeywords())
        if (const auto& value = nn::keywordValue(d.lossOptions, k))
            args += std::string(args.empty() ? "" : ", ") + nn::keywordName(k) + "=" +
                    pythonFloat(*value);
    return "nn." + d.loss + "(" + args + ")";
}

/// Whether the design's loss wants class indices as targets.
bool lossTakesClassIndices(const train::Design& d) {
    const nn::LossInfo* info = nn::findLoss(d.loss);
    return info && info->takesClassIndices;
}

// The parts of the file that do not depend on the design.
const char* const kHeader = R"PY(import argparse
import collections
import csv
import json
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
        state[name] = torch.from_numpy(array.reshape(info["shape"]).astype(np.float32))
    return state


def load_weights(model, path):
    """Loads a weights file LinearLab exported (.pt/.pth, .safetensors, .npz,
    .json) into the model with load_state_dict(strict=True)."""
    extension = os.path.splitext(path)[1].lower()
    if extension in (".pt", ".pth"):
        state = torch.load(path, weights_only=True)
    elif extension == ".safetensors":
        state = _read_safetensors(path)
    elif extension == ".npz":
        with np.load(path, allow_pickle=False) as archive:
            state = collections.OrderedDict(
                (k, torch.from_numpy(archive[k].astype(np.float32))) for k in archive.files)
    elif extension == ".json":
        # LinearLab's layout: {"0.weight": {"shape": [...], "values": nested lists}}.
        with open(path) as f:
            document = json.load(f, object_pairs_hook=collections.OrderedDict)
        state = collections.OrderedDict(
            (k, torch.tensor(v["values"], dtype=torch.float32).reshape(v["shape"]))
            for k, v in document.items())
    else:
        raise SystemExit(f"{path}: weights are read from .pt, .pth, .safetensors, .npz or .json")
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


def make_data(path=None):
    """The training and validation sets: the design's data file (or `path`),
    split as LinearLab splits it: random_split under the data seed."""
    path = path or DATA_FILE
    if not path:
        raise SystemExit(
            f"this design trains on LinearLab's generated {DATA_DATASET!r} dataset, which is not "
            "recreated here; export the data from LinearLab as an .npz with arrays x and y and "
            "pass it with --data FILE.npz")
    extension = os.path.splitext(path)[1].lower()
    if extension == ".npz":
        with np.load(path, allow_pickle=False) as archive:
            x, y = archive["x"], archive["y"]
    elif extension in (".csv", ".tsv", ".txt"):
        x, y = _read_csv(path)
    else:
        raise SystemExit(f"{path}: data is read from .csv or .npz files (arrays x and y)")
    x = torch.from_numpy(np.asarray(x, dtype=np.float32).reshape(len(x), -1))
    if LOSS_TAKES_CLASS_INDICES:
        y = torch.from_numpy(np.asarray(y).astype(np.int64).reshape(-1))
    else:
        y = torch.from_numpy(np.asarray(y, dtype=np.float32).reshape(len(y), -1))
    dataset = TensorDataset(x, y)
    n_validation = int(len(dataset) * VALIDATION_SPLIT)
    if n_validation == 0:
        return dataset, None
    train, validation = random_split(
        dataset, [len(dataset) - n_validation, n_validation],
        generator=torch.Generator().manual_seed(DATA_SEED))
    return train, validation
)PY";

const char* const kMain = R"PY(

def main():
    parser = argparse.ArgumentParser(description="Train the LinearLab design in PyTorch.")
    parser.add_argument("--weights", help="weights to start from (.pt, .safetensors, .npz, .json)")
    parser.add_argument("--data", help="data file (.npz with x and y, or .csv)")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--seed", type=int, default=SEED, help="torch.manual_seed for the init")
    parser.add_argument("--save", help="write the trained state dict here (torch.save)")
    args = parser.parse_args()

    model = build_model(args.seed)
    if args.weights:
        load_weights(model, args.weights)
    train_set, validation_set = make_data(args.data)
    loader = DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=SHUFFLE, drop_last=DROP_LAST)
    loss_fn = make_loss()
    optimizer = make_optimizer(model)
    for epoch in range(1, args.epochs + 1):
        model.train()
        total, count = 0.0, 0
        for x, y in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(x)
            count += len(x)
        line = f"epoch {epoch}: loss {total / max(count, 1):.6g}"
        if validation_set is not None:
            model.eval()
            with torch.no_grad():
                x, y = next(iter(DataLoader(validation_set, batch_size=len(validation_set))))
                line += f", validation loss {loss_fn(model(x), y).item():.6g}"
        print(line, flush=True)
    if args.save:
        torch.save(model.state_dict(), args.save)
        print(f"wrote {args.save}")


if __name__ == "__main__":
    main()
)PY";

/// INPUT2 = {node: "input" | earlier node}: each Bilinear's second input.
std::string secondInputs(const train::Design& d) {
    std::string entries;
    for (size_t i = 0; i < d.layers.size(); ++i) {
        const nn::LayerSpec& s = d.layers[i];
        if (!nn::layerType(s.type).takes("input2") ||
            s.input2.kind == nn::SecondInput::Kind::Previous)
            continue;
        entries +=
            (entries.empty() ? "" : ", ") + std::to_string(i) + ": " +
            (s.input2.kind == nn::SecondInput::Kind::Input ? "\"input\"" : num(s.input2.node));
    }
    return "INPUT2 = {" + entries + "}\n";
}

/// The design's settings as module-level constants.
void writeConstants(std::ostream& py, const train::Design& d) {
    py << "SEED = " << d.seed << "\n"
       << "INPUT_FEATURES = " << d.inputFeatures << "\n"
       << "# Where each Bilinear node's second input comes from, by node index: \"input\"\n"
       << "# (the network input) or an earlier node's index; unlisted nodes read their first.\n"
       << secondInputs(d);
    const auto& data = d.data;
    py << "DATA_FILE = " << pyString(data.file) << "\n"
       << "DATA_DATASET = " << pyString(data.synthetic.dataset) << "\n"
       << "DATA_TARGET = " << pyString(data.target) << "\n"
       << "DATA_CLASSIFICATION = " << pythonBool(data.classification) << "\n"
       << "DATA_STANDARDIZE = " << pythonBool(data.standardize) << "\n"
       << "DATA_SEED = " << data.synthetic.seed << "\n"
       << "VALIDATION_SPLIT = " << pythonFloat(data.validation_split) << "\n"
       << "BATCH_SIZE = " << d.batch.size << "\n"
       << "SHUFFLE = " << pythonBool(d.batch.shuffle) << "\n"
       << "DROP_LAST = " << pythonBool(d.batch.drop_last) << "\n"
       << "EPOCHS = " << (d.train.epochs > 0 ? d.train.epochs : 10) << "\n"
       << "LOSS_TAKES_CLASS_INDICES = " << pythonBool(lossTakesClassIndices(d)) << "\n";
}

/// build_model(): constructors in node order (each drawing its default init), then
/// the scheme on the eager weights, then the lazy layers, as LinearLab draws them.
void writeBuildModel(std::ostream& py, const train::Design& d) {
    py << "\n\ndef build_model(seed=SEED):\n"
       << "    \"\"\"The design's network, initialised as LinearLab initialises it.\"\"\"\n"
       << "    torch.manual_seed(seed)\n"
       << "    model = LinearLabModel(\n";
    for (const auto& s : d.layers)
        py << "        " << nn::layerType(s.type).pythonConstructor(s) << ",\n";
    py << "    )\n";

    std::string eager, lazyHooks;
    bool hasLazy = false;
    for (size_t i = 0; i < d.layers.size(); ++i) {
        const nn::LayerSpec& s = d.layers[i];
        const bool lazy = nn::layerType(s.type).isLazy;
        hasLazy = hasLazy || lazy;
        const nn::InitSpec scheme = s.init ? *s.init : d.weightInit;
        if (!s.takesInitScheme() || scheme.scheme == "default")
            continue;
        const std::string node = num(static_cast<nn::Index>(i));
        if (lazy)
            lazyHooks += "        model[" + node +
                         "].register_forward_hook(_init_after_materializing(\n            "
                         "lambda w: " +
                         initCall(scheme, "w") + ")),\n";
        else
            eager += "        " + initCall(scheme, "model[" + node + "].weight") + "\n";
    }
    if (!eager.empty())
        py << "    # The weight init scheme, on each weight in node order, after every\n"
           << "    # constructor drew its default init.\n"
           << "    with torch.no_grad():\n"
           << eager;
    if (hasLazy)
        py << "    # LazyLinear materializes on the first forward, after every eager layer drew,\n"
           << "    # in node order, each taking its init scheme right after materializing.\n"
           << "    hooks = [\n"
           << lazyHooks << "    ]\n"
           << "    with torch.no_grad():\n"
           << "        model.eval()  # a Dropout draws nothing here, as in LinearLab\n"
           << "        model(torch.zeros(1, INPUT_FEATURES))\n"
           << "        model.train()\n"
           << "    for hook in hooks:\n"
           << "        hook.remove()\n";
    py << "    return model\n";
}

}  // namespace

std::string exportPyTorchCode(const train::Design& d) {
    // Refuse a design PyTorch could not build either, in the same words.
    nn::checkShapes({1, d.inputFeatures}, d.layers);

    std::ostringstream py;
    py << "#!/usr/bin/env python3\n"
       << "\"\"\"A LinearLab design as PyTorch code.\n\n"
       << "build_model() under torch.manual_seed(SEED) gives LinearLab's initial weights bit\n"
       << "for bit, with LinearLab's state-dict keys; load_weights() reads the weight files\n"
       << "LinearLab exports; main() trains with the design's loss, optimizer and batches:\n\n"
       << "    python3 model.py [--data FILE.npz] [--weights FILE] [--epochs N] [--save FILE.pt]\n"
       << "\"\"\"\n"
       << kHeader << "\n";
    writeConstants(py, d);
    py << kModelClass;
    writeBuildModel(py, d);
    py << "\n\ndef make_loss():\n    return " << lossCall(d) << "\n"
       << "\n\ndef make_optimizer(model):\n    return " << optimizerCall(d.optimizer) << "\n";
    py << kLoaders << kMain;
    return py.str();
}

}  // namespace linearlab::io
