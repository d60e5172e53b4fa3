#pragma once
// Weights as JSON: {"0.weight": {"shape": [2, 3], "values": [[...], [...]]}, ...}
// in state-dict order, "values" nested as torch's Tensor.tolist() nests them (a
// bare number for a 0-dim tensor). Floats are written in their shortest
// round-trip form; non-finite values as NaN / Infinity / -Infinity, which
// Python's json module reads and writes.
#include "core/io/read_limits.h"
#include "core/io/state_dict.h"

#include <string>

namespace linearlab::io {

std::string encodeJsonWeights(const StateDict& tensors);
/// Throws std::runtime_error naming the position and problem on malformed or
/// inconsistent input (ragged lists, values that disagree with the shape).
StateDict decodeJsonWeights(const std::string& text, const ReadLimits& limits = {});

}  // namespace linearlab::io
