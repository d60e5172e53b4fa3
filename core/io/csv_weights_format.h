#pragma once
// Weights as CSV: a header row "name,shape,values" then one row per tensor:
//   0.weight,2x3,v00,v01,v02,v10,v11,v12
// shape is the dims joined by 'x' ("scalar" for a 0-dim tensor, "0x3" for an
// empty one), values follow in row-major order. A name containing a comma,
// quote or line break is quoted as RFC 4180 says. NaN and infinities are
// written nan, inf, -inf, as numpy.savetxt does.
#include "core/io/read_limits.h"
#include "core/io/state_dict.h"

#include <string>

namespace linearlab::io {

std::string encodeCsvWeights(const StateDict& tensors);
/// Throws std::runtime_error naming the line and problem on malformed input.
StateDict decodeCsvWeights(const std::string& text, const ReadLimits& limits = {});

}  // namespace linearlab::io
