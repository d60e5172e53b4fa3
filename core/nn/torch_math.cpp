#include "core/nn/torch_math.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace linearlab::nn::torchmath {

namespace {

uint32_t bitsOf(float x) {
    uint32_t b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

float floatOf(uint32_t b) {
    float x;
    std::memcpy(&x, &b, sizeof x);
    return x;
}

// Cephes' single-precision polynomials, as avx_mathfun.h spells them.
constexpr float kLogP[] = {7.0376836292E-2f,  -1.1514610310E-1f, 1.1676998740E-1f,
                           -1.2420140846E-1f, 1.4249322787E-1f,  -1.6668057665E-1f,
                           2.0000714765E-1f,  -2.4999993993E-1f, 3.3333331174E-1f};
constexpr float kLogQ1 = -2.12194440e-4f;  // log(2) = kLogQ2 - kLogQ1, split for exactness
constexpr float kLogQ2 = 0.693359375f;
constexpr float kSqrtHalf = 0.707106781186547524f;

constexpr float kFourOverPi = 1.27323954473516f;
// pi/4 in three parts, so that x - j*pi/4 loses no bits for moderate j.
constexpr float kMinusDp1 = -0.78515625f;
constexpr float kMinusDp2 = -2.4187564849853515625e-4f;
constexpr float kMinusDp3 = -3.77489497744594108e-8f;
constexpr float kSinP[] = {-1.9515295891E-4f, 8.3321608736E-3f, -1.6666654611E-1f};
constexpr float kCosP[] = {2.443315711809948E-005f, -1.388731625493765E-003f,
                           4.166664568298827E-002f};

}  // namespace

float logAvx2(float x) {
    const bool invalid = x <= 0;
    x = std::fmax(x, std::numeric_limits<float>::min());  // denormals cut off
    // x = m * 2^e with m in [0.5, 1): the exponent from the bits, m by replacing them.
    const int32_t biased = static_cast<int32_t>(bitsOf(x) >> 23);
    x = floatOf((bitsOf(x) & ~0x7f800000u) | bitsOf(0.5f));
    float e = static_cast<float>(biased - 0x7f) + 1.0f;
    // m < sqrt(1/2): use 2m - 1 and e - 1, so the polynomial's argument stays small.
    const float below = x < kSqrtHalf ? x : 0.0f;
    if (x < kSqrtHalf)
        e = e - 1.0f;
    x = x - 1.0f;
    x = x + below;

    const float z = x * x;
    float y = kLogP[0];
    for (int i = 1; i < 9; ++i)
        y = std::fma(y, x, kLogP[i]);  // fused in PyTorch's AVX2 build
    y = y * x;
    y = std::fma(y, z, e * kLogQ1);  // y * z + e * q1: the first product is fused
    y = y - z * 0.5f;                // z * 0.5 is exact: fused or not, one rounding
    x = x + y;
    x = std::fma(e, kLogQ2, x);
    return invalid ? std::numeric_limits<float>::quiet_NaN() : x;
}

void sinCosAvx2(float x, float* sin, float* cos) {
    uint32_t sinSign = bitsOf(x) & 0x80000000u;
    x = std::fabs(x);
    // Octant j (made even), and x reduced to [-pi/4, pi/4] around j * pi/4.
    int32_t j = static_cast<int32_t>(x * kFourOverPi);  // truncation, as cvttps
    j = (j + 1) & ~1;
    const float y = static_cast<float>(j);
    sinSign ^= static_cast<uint32_t>(j & 4) << 29;
    const uint32_t cosSign = static_cast<uint32_t>(~(j - 2) & 4) << 29;
    const bool sinFromSinPoly = (j & 2) == 0;
    x = std::fma(y, kMinusDp1, x);
    x = std::fma(y, kMinusDp2, x);
    x = std::fma(y, kMinusDp3, x);

    const float z = x * x;
    float c = std::fma(kCosP[0], z, kCosP[1]);
    c = std::fma(c, z, kCosP[2]);
    c = c * z;
    c = std::fma(c, z, -(z * 0.5f));  // c * z - z * 0.5 with the first product fused
    c = c + 1.0f;

    float s = std::fma(kSinP[0], z, kSinP[1]);
    s = std::fma(s, z, kSinP[2]);
    s = s * z;
    s = std::fma(s, x, x);

    // The lanes select with masks and add the unselected polynomial as +0.
    const float sinPart = sinFromSinPoly ? s : 0.0f;
    const float cosPart = sinFromSinPoly ? 0.0f : c;
    const float sinValue = cosPart + sinPart;
    const float cosValue = (c - cosPart) + (s - sinPart);
    *sin = floatOf(bitsOf(sinValue) ^ sinSign);
    *cos = floatOf(bitsOf(cosValue) ^ cosSign);
}

void normalFill16Avx2(float* data, float mean, float std) {
    const float twoPi = static_cast<float>(2.0 * M_PI);
    for (int j = 0; j < 8; ++j) {
        const float u1 = 1.0f - data[j];  // [0, 1) -> (0, 1] for the log
        const float u2 = data[j + 8];
        const float radius = std::sqrt(-2.0f * logAvx2(u1));
        float sin, cos;
        sinCosAvx2(twoPi * u2, &sin, &cos);
        data[j] = std::fma(radius * cos, std, mean);
        data[j + 8] = std::fma(radius * sin, std, mean);
    }
}

void normalFill16(double* data, double mean, double std) {
    for (int j = 0; j < 8; ++j) {
        const double u1 = 1 - data[j];
        const double u2 = data[j + 8];
        const double radius = std::sqrt(-2 * std::log(u1));
        const double theta = 2.0 * M_PI * u2;
        data[j] = std::fma(radius * std::cos(theta), std, mean);
        data[j + 8] = std::fma(radius * std::sin(theta), std, mean);
    }
}

namespace {

// Pavlis' rational approximation (after MATLAB 2.0's erfinv), coefficients as
// PyTorch rounds them to T, then Newton's method twice.
template <typename T>
T erfinvImpl(T y) {
    const T absY = std::abs(y);
    if (absY > 1)
        return std::numeric_limits<T>::quiet_NaN();
    if (absY == 1)
        return std::copysign(std::numeric_limits<T>::infinity(), y);
    T x;
    if (absY <= static_cast<T>(0.7)) {
        const T z = y * y;
        T num = std::fma(T(-0.140543331), z, T(0.914624893));
        num = std::fma(num, z, T(-1.645349621));
        num = std::fma(num, z, T(0.886226899));
        T den = std::fma(T(0.012229801), z, T(-0.329097515));
        den = std::fma(den, z, T(1.442710462));
        den = std::fma(den, z, T(-2.118377725));
        den = std::fma(den, z, T(1));
        x = y * num / den;
    } else {
        const T z = std::sqrt(-std::log((T(1) - absY) / T(2)));
        T num = std::fma(T(1.641345311), z, T(3.429567803));
        num = std::fma(num, z, T(-1.624906493));
        num = std::fma(num, z, T(-1.970840454));
        T den = std::fma(T(1.637067800), z, T(3.543889200));
        den = std::fma(den, z, T(1));
        x = std::copysign(num, y) / den;
    }
    const T twoOverSqrtPi = T(2) / static_cast<T>(std::sqrt(M_PI));
    for (int step = 0; step < 2; ++step)
        x = x - (std::erf(x) - y) / (twoOverSqrtPi * std::exp(-x * x));
    return x;
}

}  // namespace

float erfinv(float y) {
    return erfinvImpl(y);
}

double erfinv(double y) {
    return erfinvImpl(y);
}

}  // namespace linearlab::nn::torchmath
