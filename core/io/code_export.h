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
// - load_weights(model, path) reads .pt/.pth, .safetensors, .npz and LinearLab's
//   .json and calls load_state_dict(strict=True).
// - make_data(path) recreates the design's dataset from its CSV / .npz file
//   (or --data), split as LinearLab splits it (random_split under the data seed).
// - main() trains with the design's loss, optimizer (all its arguments) and
//   DataLoader settings, printing the loss per epoch.
#include "core/train/design.h"

#include <string>

namespace linearlab::io {

/// The Python source. Throws std::invalid_argument for a design that cannot be
/// built (a shape problem on a node).
std::string exportPyTorchCode(const train::Design& design);

}  // namespace linearlab::io
