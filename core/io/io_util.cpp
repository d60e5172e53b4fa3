#include "core/io/io_util.h"

#include "core/nn/memory_budget.h"
#include "core/nn/plural.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <type_traits>

namespace linearlab::io::detail {

DecodedTotal::DecodedTotal(const ReadLimits& limits)
    : m_limit(std::min<std::int64_t>(
          limits.maxUncompressedBytes,
          static_cast<std::int64_t>(
              std::min<nn::Bytes>(nn::memoryLimit(), std::numeric_limits<std::int64_t>::max())))) {}

std::int64_t DecodedTotal::add(std::int64_t count, nn::DType dtype, const std::string& what) {
    const auto size = static_cast<std::int64_t>(nn::dtypeSize(dtype));
    if (count < 0 || count > (m_limit - m_total) / size) {
        const nn::Bytes need =
            nn::addBytes(static_cast<nn::Bytes>(m_total),
                         nn::mulBytes(static_cast<nn::Bytes>(count), static_cast<nn::Bytes>(size)));
        throw std::runtime_error(what + " has " + std::to_string(count) +
                                 " elements: the file would decode to " + nn::formatBytes(need) +
                                 " as " + nn::dtypeName(dtype) + ", more than the " +
                                 nn::formatBytes(static_cast<nn::Bytes>(m_limit)) + " limit");
    }
    m_total += count * size;
    return count;
}

std::int64_t checkedMul(std::int64_t a, std::int64_t b, const std::string& what) {
    if (a < 0 || b < 0)
        throw std::runtime_error(what + ": negative size");
    if (a != 0 && b > std::numeric_limits<std::int64_t>::max() / a)
        throw std::runtime_error(what + ": size overflows 64 bits");
    return a * b;
}

std::int64_t checkedNumel(const nn::Shape& shape, const std::string& what) {
    std::int64_t n = 1;
    for (nn::Index d : shape) {
        if (d < 0)
            throw std::runtime_error(what + ": negative dimension " + std::to_string(d) +
                                     " in shape " + nn::shapeString(shape));
        if (d != 0 && n > std::numeric_limits<std::int64_t>::max() / d)
            throw std::runtime_error(what + ": shape " + nn::shapeString(shape) +
                                     " has too many elements");
        n *= d;
    }
    return n;
}

float halfToFloat(std::uint16_t h) {
    const std::uint32_t sign = (h >> 15) & 1u;
    const std::uint32_t exp = (h >> 10) & 0x1fu;
    const std::uint32_t mant = h & 0x3ffu;
    float v;
    if (exp == 0)
        v = std::ldexp(static_cast<float>(mant), -24);  // subnormal: mant * 2^-24
    else if (exp == 31)
        v = mant ? std::numeric_limits<float>::quiet_NaN() : std::numeric_limits<float>::infinity();
    else
        v = std::ldexp(static_cast<float>(mant | 0x400u), static_cast<int>(exp) - 25);
    return sign ? -v : v;
}

float doubleToFloat(double d) {
    if (d > std::numeric_limits<float>::max())
        return std::numeric_limits<float>::infinity();
    if (d < -std::numeric_limits<float>::max())
        return -std::numeric_limits<float>::infinity();
    return static_cast<float>(d);
}

float bfloat16ToFloat(std::uint16_t b) {
    // bfloat16 is the top half of a float32.
    const std::uint32_t bits = static_cast<std::uint32_t>(b) << 16;
    float v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

namespace {

// The shortest text that reads back as `v` in its own type; nan and inf as
// Python's json writes them.
template <typename F>
std::string shortestText(F v) {
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

}  // namespace

std::string formatFloat(float v) {
    return shortestText(v);
}

std::string formatDouble(double v) {
    return shortestText(v);
}

void checkValueCount(const NamedTensor& t) {
    const std::int64_t n = detail::checkedNumel(t.shape, t.name);
    if (static_cast<std::int64_t>(t.values.size()) != n)
        throw std::runtime_error("tensor '" + t.name + "' has " +
                                 nn::countOf(t.values.size(), "value", "values") + " for shape " +
                                 nn::shapeString(t.shape));
}

namespace {

template <typename F>
bool parseNumber(const char* begin, const char* end, F& v) {
    const std::string_view s(begin, static_cast<size_t>(end - begin));
    if (s == "NaN" || s == "nan" || s == "-nan" || s == "-NaN") {
        v = std::numeric_limits<F>::quiet_NaN();
        return true;
    }
    if (s == "Infinity" || s == "inf") {
        v = std::numeric_limits<F>::infinity();
        return true;
    }
    if (s == "-Infinity" || s == "-inf") {
        v = -std::numeric_limits<F>::infinity();
        return true;
    }
    if (s.empty())
        return false;
    const char* p = begin;
    if (*p == '+')
        ++p;
    const auto r = std::from_chars(p, end, v);
    if (r.ec == std::errc::result_out_of_range) {
        // Overflow reads as +-inf and underflow as 0, as float("1e999") does.
        const std::string text(begin, end);
        if constexpr (std::is_same_v<F, float>)
            v = std::strtof(text.c_str(), nullptr);
        else
            v = std::strtod(text.c_str(), nullptr);
        return true;
    }
    return r.ec == std::errc() && r.ptr == end;
}

}  // namespace

bool parseFloat(const char* begin, const char* end, float& v) {
    return parseNumber(begin, end, v);
}

bool parseDouble(const char* begin, const char* end, double& v) {
    return parseNumber(begin, end, v);
}

}  // namespace linearlab::io::detail
