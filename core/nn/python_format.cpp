#include "core/nn/python_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace linearlab::nn {

std::string pythonFloat(double v) {
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    // Shortest round-trip digits, as Python's repr; then Python's layout rule:
    // positional for exponents in [-4, 16), scientific otherwise.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    const auto ePos = sci.find('e');
    std::string mantissa = sci.substr(0, ePos);
    const int exponent = std::atoi(sci.c_str() + ePos + 1);
    std::string sign;
    if (mantissa[0] == '-') {
        sign = "-";
        mantissa.erase(0, 1);
    }
    std::string digits;
    for (char c : mantissa)
        if (c != '.')
            digits += c;

    if (exponent >= -4 && exponent < 16) {
        std::string out;
        if (exponent < 0) {
            out = "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
        } else if (static_cast<int>(digits.size()) <= exponent + 1) {
            out =
                digits + std::string(static_cast<size_t>(exponent + 1 - digits.size()), '0') + ".0";
        } else {
            out = digits.substr(0, static_cast<size_t>(exponent + 1)) + "." +
                  digits.substr(static_cast<size_t>(exponent + 1));
        }
        return sign + out;
    }
    std::string out = digits.substr(0, 1);
    if (digits.size() > 1)
        out += "." + digits.substr(1);
    const int absExp = std::abs(exponent);
    out += exponent < 0 ? "e-" : "e+";
    if (absExp < 10)
        out += "0";
    out += std::to_string(absExp);
    return sign + out;
}

std::string pythonNumber(const PythonNumber& n) {
    if (n.isInteger && n.value == std::floor(n.value) && std::abs(n.value) < 1e15)
        return std::to_string(static_cast<long long>(n.value));
    return pythonFloat(n.value);
}

}  // namespace linearlab::nn
