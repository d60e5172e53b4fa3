#pragma once
// NumPy's .npy (one array) and .npz (a zip of '<key>.npy' members, as
// numpy.savez and numpy.savez_compressed write).
#include "core/io/read_limits.h"
#include "core/io/state_dict.h"

#include <string>

namespace linearlab::io {

/// A format-1.0 .npy of `tensor` as '<f4', C order, header padded to 64 bytes
/// as numpy does (through core/data/npy.h, the array layer datasets share).
std::string encodeNpy(const NamedTensor& tensor);

/// Reads a C-order .npy of '<f4', '<f8', '<i8', '<i4' or '|u1' data (the
/// dtypes core/data/npy.h accepts) into float32 values; dtype keeps the stored
/// type in torch spelling. The returned tensor's name is `name`. Throws
/// std::runtime_error describing the problem.
NamedTensor decodeNpy(const std::string& bytes, const std::string& name,
                      const ReadLimits& limits = {});

/// numpy.savez layout: one stored '<name>.npy' member per tensor, in order.
std::string encodeNpz(const StateDict& tensors);

/// Reads stored or deflated members in archive order; a member 'a.npy'
/// becomes the tensor named 'a', as numpy.load(...)['a'] names it.
StateDict decodeNpz(const std::string& bytes, const ReadLimits& limits = {});

}  // namespace linearlab::io
