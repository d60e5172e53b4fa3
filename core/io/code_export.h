#pragma once
// PyTorch code export: a self-contained .py that rebuilds a
// design in PyTorch.
//
// - build_model() returns an nn.Sequential subclass, so the state-dict keys are
//   LinearLab's ("0.weight", "2.bias"); its forward wires each Bilinear's second
//   input ("previous", the network "input", or an earlier node's output).
// - Under torch.manual_seed(seed) it draws the initial weights in LinearLab's
//   order, so they equal `linearlab-cli init` bit for bit: every eager
//   constructor's default init in node order, then the weight init scheme on
//   each eager weight in node order, then the lazy layers, materialized by a
//   dummy forward in node order, each taking its scheme right after.
// - load_weights(model, path) reads every weights format LinearLab writes
//   (.pt/.pth, .safetensors, .npz, and its .json and .csv layouts) and calls
//   load_state_dict(strict=True).
// - make_data(path) reads the .npz io::exportDataset writes (by default the
//   <script>_data.npz export-code writes beside the script): the samples
//   LinearLab trains and validates on, in its order. Another .npz (x, y) or a
//   CSV is split as LinearLab splits it (random_split under the data seed).
// - train() replays LinearLab's run: the design's loss, optimizer (all its
//   arguments), batches in the trainer's order (DataLoader with a generator
//   under the init seed, drop_last) and "train" limits; --log-jsonl writes
//   the lines linearlab-cli train --log-jsonl writes.
#include "core/train/design.h"

#include <string>

namespace linearlab::io {

/// The Python source. Throws std::invalid_argument for a design that cannot be
/// built (a shape problem on a node).
std::string exportPyTorchCode(const train::Design& design);

}  // namespace linearlab::io
