#pragma once
// One dimension of a shape as the text weight formats spell it: the "2" and
// "3" of JSON's [2, 3] and CSV's 2x3. Each format words its own errors.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace linearlab::io::detail {

enum class DimensionError {
    None,
    /// text[pos] is not a digit: a sign, a space, a letter, or the end of the text.
    NotADigit,
    /// More than 18 digits: a larger dimension could overflow int64.
    TooManyDigits,
};

/// Reads the dimension at text[pos]: 1 to 18 decimal digits, nothing else (no
/// sign, no exponent, no spaces). On success `value` holds it and pos is past
/// the digits. On TooManyDigits pos is left at the 19th digit, on NotADigit
/// where it was; `value` is then unspecified.
DimensionError readDimension(std::string_view text, std::size_t& pos, std::int64_t& value);

}  // namespace linearlab::io::detail
