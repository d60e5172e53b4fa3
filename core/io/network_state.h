#pragma once
// A network's parameters as a state dict and back: model.state_dict() and
// model.load_state_dict(strict=True), with PyTorch's error messages.
#include "core/io/state_dict.h"
#include "core/nn/network.h"
#include "core/train/snapshot.h"

namespace linearlab::io {

/// Every parameter under its nn.Sequential name ("0.weight"), in the network's
/// dtype (float32 for Network<float>, float64 for Network<double>).
template <typename T>
StateDict stateDictOf(nn::Network<T>& network);

/// A snapshot's parameters under their names, in its dtype: the immutable copy
/// a save or an export reads, never the live tensors.
template <typename T>
StateDict stateDictOf(const train::Snapshot<T>& snapshot);

/// `parameters` under the names of `context` (in its order), in their dtype.
template <typename T>
StateDict stateDictOf(const train::RunContext<T>& context,
                      const std::vector<nn::Matrix<T>>& parameters);

/// Copies `dict` into the network, as load_state_dict(strict=True): every key
/// must match a parameter of the same shape. An unmaterialized LazyLinear takes
/// its in_features from its loaded weight. Validates everything before copying
/// anything, so on error the network is exactly as it was. Throws
/// std::invalid_argument with PyTorch's text:
///   Error(s) in loading state_dict for Sequential:
///   	Missing key(s) in state_dict: "0.bias".
///   	size mismatch for 0.weight: copying a param with shape torch.Size([40, 20])
///   from checkpoint, the shape in current model is torch.Size([40, 30]).
///
/// With LazyKeys::MayBeAbsent the parameters of an unmaterialized LazyLinear may
/// be missing, all of its keys together, and it stays lazy: how a project file
/// holds a lazy layer that has not seen data yet (PyTorch would write an
/// UninitializedParameter there).
enum class LazyKeys { Required, MayBeAbsent };
template <typename T>
void loadStateDict(nn::Network<T>& network, const StateDict& dict,
                   LazyKeys lazyKeys = LazyKeys::Required);

}  // namespace linearlab::io
