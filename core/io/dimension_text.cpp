#include "core/io/dimension_text.h"

namespace linearlab::io::detail {

DimensionError readDimension(std::string_view text, std::size_t& pos, std::int64_t& value) {
    // 18 digits stay below 10^18 < 2^63, so the sum below never overflows.
    constexpr std::size_t kMaxDigits = 18;
    value = 0;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (++digits > kMaxDigits)
            return DimensionError::TooManyDigits;
        value = value * 10 + (text[pos++] - '0');
    }
    return digits == 0 ? DimensionError::NotADigit : DimensionError::None;
}

}  // namespace linearlab::io::detail
