#pragma once
// Small helpers the weight formats share: checked shape arithmetic and
// half-precision conversion. Little-endian scalars are core/data/little_endian.h.
#include "core/io/state_dict.h"

#include <cstdint>
#include <string>

namespace linearlab::io::detail {

/// Product of `shape`; throws std::runtime_error naming `what` on a negative
/// dimension or when an intermediate product overflows int64, as the
/// safetensors reader does with checked multiplication.
std::int64_t checkedNumel(const nn::Shape& shape, const std::string& what);

/// a * b, throwing std::runtime_error naming `what` when it overflows int64.
std::int64_t checkedMul(std::int64_t a, std::int64_t b, const std::string& what);

float halfToFloat(std::uint16_t h);
/// Rounds to float; out-of-range finite values become +-inf rather than undefined behaviour.
float doubleToFloat(double d);
float bfloat16ToFloat(std::uint16_t b);

/// Throws std::runtime_error unless t.values holds exactly the product of t.shape
/// values, so no writer emits a file its reader would refuse.
void checkValueCount(const NamedTensor& t);

/// Shortest decimal text that reads back as the same float ("0.1", "nan", "inf").
std::string formatFloat(float v);

/// Reads [begin, end) as a float: what formatFloat writes, Python's json spellings
/// (NaN, Infinity, -Infinity) and a leading '+'. Out-of-range values read as
/// +-inf or 0, as float("1e999") does. False unless the whole range is a number.
bool parseFloat(const char* begin, const char* end, float& v);

}  // namespace linearlab::io::detail
