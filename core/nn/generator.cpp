#include "core/nn/generator.h"

#include <cmath>

namespace linearlab::nn {

void Generator::manualSeed(uint64_t seed) {
    m_seed = seed;
    m_engine.seed(static_cast<uint32_t>(seed));
    m_nextNormal.reset();
}

uint64_t Generator::random64() {
    const uint64_t hi = random();
    const uint64_t lo = random();
    return (hi << 32) | lo;
}

float Generator::uniformFloat(float from, float to) {
    // at::uniform_real_distribution<float>: x in [0, 1) from the low 24 bits, in double;
    // (to - from) is a float subtraction, the rest double, rounded once to float.
    const double x = static_cast<double>(random() & ((1u << 24) - 1)) * std::ldexp(1.0, -24);
    const float span = to - from;
    // PyTorch's CPU kernels are built for AVX2/AVX-512, where x * span + from is
    // contracted into one fused multiply-add; say so explicitly so every build
    // of ours (with or without -march=native, -O1 or -O3) rounds the same way.
    return static_cast<float>(std::fma(x, static_cast<double>(span), static_cast<double>(from)));
}

double Generator::uniformDouble(double from, double to) {
    const double x =
        static_cast<double>(random64() & ((uint64_t{1} << 53) - 1)) * std::ldexp(1.0, -53);
    return std::fma(x, to - from, from);  // fused, as PyTorch's kernel is (see uniformFloat)
}

double Generator::normalDouble(double mean, double std) {
    double standard;
    if (m_nextNormal) {
        standard = *m_nextNormal;
        m_nextNormal.reset();
    } else {
        const double u1 = uniformDouble(0.0, 1.0);
        const double u2 = uniformDouble(0.0, 1.0);
        const double r = std::sqrt(-2.0 * std::log(1.0 - u2));  // log(1 - u2), not log1p
        const double theta = 2.0 * M_PI * u1;
        m_nextNormal = r * std::sin(theta);
        standard = r * std::cos(theta);
    }
    return std::fma(standard, std, mean);
}

}  // namespace linearlab::nn
