#pragma once
// .safetensors (huggingface/safetensors): an 8-byte little-endian header
// length, a JSON header {"__metadata__": {...}, name: {dtype, shape,
// data_offsets}} padded with spaces to a multiple of 8, then the tensors'
// bytes back to back.
#include "core/io/read_limits.h"
#include "core/io/state_dict.h"

#include <string>

namespace linearlab::io {

/// The largest header the reference reader accepts.
constexpr std::uint64_t kSafetensorsMaxHeaderBytes = 100'000'000;

/// Writes every tensor as F32 in `tensors` order with metadata {"format": "pt"}.
std::string encodeSafetensors(const StateDict& tensors);

/// Reads F32, F64, F16, BF16, I32 and I64 tensors (converted to float; dtype
/// keeps the stored name in torch spelling, "float32", "int64", ...), in the
/// order of their data offsets. Applies the reference reader's checks: header
/// size, JSON object, known dtypes, offsets in bounds, contiguous and covering
/// the whole buffer, shape products overflow-checked and matching byte
/// lengths. Throws std::runtime_error describing the problem.
StateDict decodeSafetensors(const std::string& bytes, const ReadLimits& limits = {});

}  // namespace linearlab::io
