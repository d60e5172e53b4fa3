#include "core/nn/tensor_print.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace linearlab::nn {

TensorPrintFormat::TensorPrintFormat(const float* values, std::size_t count) {
    // _Formatter starts in integer mode and looks only at nonzero finite values;
    // a tensor without any keeps integer mode ("0.", "nan").
    m_int = true;
    double lo = 0, hi = 0;
    bool any = false;
    for (std::size_t i = 0; i < count; ++i) {
        const double v = values[i];
        if (!std::isfinite(v) || v == 0)
            continue;
        const double a = std::fabs(v);
        lo = any ? std::min(lo, a) : a;
        hi = any ? std::max(hi, a) : a;
        any = true;
        if (v != std::ceil(v))
            m_int = false;
    }
    if (!any)
        return;
    if (m_int)
        m_sci = hi / lo > 1000.0 || hi > 1.e8;
    else
        m_sci = hi / lo > 1000.0 || hi > 1.e8 || lo < 1.e-4;
}

std::string TensorPrintFormat::element(float value) {
    return TensorPrintFormat(&value, 1).format(value);
}

std::string TensorPrintFormat::format(double value) const {
    // Python's format() spells non-finite values without a sign for nan.
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    char buf[64];
    // printf rounds the exact binary value half-to-even, as Python's format does.
    if (m_sci)
        std::snprintf(buf, sizeof buf, "%.*e", kPrecision, value);
    else if (m_int)
        std::snprintf(buf, sizeof buf, "%.0f.", value);
    else
        std::snprintf(buf, sizeof buf, "%.*f", kPrecision, value);
    return buf;
}

}  // namespace linearlab::nn
