#pragma once
// Small helpers the weight formats share: checked shape arithmetic and
// half-precision conversion. Little-endian scalars are core/data/little_endian.h.
#include "core/io/read_limits.h"
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

/// What one file decodes into memory, counted as it goes: every tensor's
/// values in the dtype they are held in (a u8 array read as float32 takes four
/// times its bytes, a float64 one eight bytes a value). The read limit and the memory limit bound
/// the whole file this way, not each member or tensor afresh.
class DecodedTotal {
public:
    /// The smaller of limits.maxUncompressedBytes and the memory limit.
    explicit DecodedTotal(const ReadLimits& limits);
    /// Before allocating `count` values of `dtype` for `what` ("tensor
    /// '0.weight'"): throws std::runtime_error naming the sizes when the file's
    /// total would pass the limit, and returns `count`.
    std::int64_t add(std::int64_t count, nn::DType dtype, const std::string& what);

private:
    std::int64_t m_limit;
    std::int64_t m_total = 0;
};

float halfToFloat(std::uint16_t h);
/// Rounds to float; out-of-range finite values become +-inf rather than undefined behaviour.
float doubleToFloat(double d);
float bfloat16ToFloat(std::uint16_t b);

/// Throws std::runtime_error unless t.values holds exactly the product of t.shape
/// values, so no writer emits a file its reader would refuse.
void checkValueCount(const NamedTensor& t);

/// Shortest decimal text that reads back as the same float ("0.1", "nan", "inf").
std::string formatFloat(float v);
/// The same for a double: 17 significant digits at most, the shortest that
/// reads back bit for bit ("0.1", "0.30000000000000004").
std::string formatDouble(double v);

/// Reads [begin, end) as a float: what formatFloat writes, Python's json spellings
/// (NaN, Infinity, -Infinity) and a leading '+'. Out-of-range values read as
/// +-inf or 0, as float("1e999") does. False unless the whole range is a number.
bool parseFloat(const char* begin, const char* end, float& v);
/// The same, read as a double (correctly rounded, so formatDouble's text
/// reads back exactly).
bool parseDouble(const char* begin, const char* end, double& v);

}  // namespace linearlab::io::detail
