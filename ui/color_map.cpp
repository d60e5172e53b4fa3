#include "ui/color_map.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

namespace linearlab::ui {

namespace {

// Paul Tol's "sunset" control points, strongest blue to white and white to
// strongest red. Blue against orange-red stays apart under every common
// colour-vision deficiency, and each half darkens steadily away from zero, so
// the strength of a weight reads from lightness alone. The centre is pure white
// rather than sunset's #eaeccc so an exact zero reads as "nothing there".
constexpr std::array<QRgb, 6> kBlueHalf = {0xff364b9a, 0xff4a7bb7, 0xff6ea6cd,
                                           0xff98cae1, 0xffc2e4ef, 0xffffffff};
constexpr std::array<QRgb, 6> kRedHalf = {0xffffffff, 0xfffeda8b, 0xfffdb366,
                                          0xfff67e4b, 0xffdd3d2d, 0xffa50026};

// Okabe & Ito's eight colours ("Color Universal Design", 2008), chosen to stay
// distinct under protanopia, deuteranopia and tritanopia (tst_color_map checks it).
constexpr std::array<QRgb, 8> kClassColors = {0xffe69f00, 0xff56b4e9, 0xff009e73, 0xfff0e442,
                                              0xff0072b2, 0xffd55e00, 0xffcc79a7, 0xff000000};

QRgb interpolate(const std::array<QRgb, 6>& stops, double t) {
    const double x = std::clamp(t, 0.0, 1.0) * (stops.size() - 1);
    const int i = std::min(static_cast<int>(x), static_cast<int>(stops.size()) - 2);
    const double f = x - i;
    auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
    const QRgb a = stops[i], b = stops[i + 1];
    return qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
}

/// 127 / absMax, or 0 when there is no scale (every value then maps to white).
float stepsPerUnit(float absMax) {
    return absMax > 0 ? 127.0f / absMax : 0.0f;
}

/// The LUT index of a non-NaN value: 128 + step for positive values, 127 - step
/// for negative ones, 128 for zero. Written without branches (a multiply for the
/// divide, a truncation for lround, the sign as arithmetic) so that mapping a
/// row of mixed signs neither mispredicts nor calls into libm and the compiler
/// can vectorise it; indexFor uses the same arithmetic, so single values and
/// rows agree exactly.
inline int lutIndex(float value, float steps) {
    float a = std::fabs(value) * steps;
    a = a < 127.0f ? a : 127.0f;  // also catches inf * 0 = NaN (an infinite scale)
    const int step = static_cast<int>(a + 0.5f);
    const int negative = value < 0 ? 1 : 0;
    return 128 + step - negative * (2 * step + 1);
}

}  // namespace

ColorMap::ColorMap() : m_table(kSize), m_nan(qRgb(160, 160, 160)) {
    // Entries 0..127 run blue -> white and 128..255 white -> red, so zero has an
    // exact white entry (128) and the two ends are equally far from it.
    for (int i = 0; i < 128; ++i) {
        m_table[i] = interpolate(kBlueHalf, i / 127.0);
        m_table[128 + i] = interpolate(kRedHalf, i / 127.0);
    }
    std::copy(m_table.cbegin(), m_table.cend(), m_lut.begin());
    m_lut[kSize] = m_nan;
}

QRgb ColorMap::classColor(int k) {
    return kClassColors[static_cast<size_t>(std::abs(k)) % kClassColors.size()];
}

int ColorMap::classCount() {
    return static_cast<int>(kClassColors.size());
}

const ColorMap& ColorMap::diverging() {
    static const ColorMap map;
    return map;
}

int ColorMap::indexFor(float value, float absMax) const {
    if (std::isnan(value) || !(absMax > 0))
        return 128;
    return lutIndex(value, stepsPerUnit(absMax));
}

void ColorMap::mapValues(const float* values, qsizetype count, qsizetype stride, float absMax,
                         QRgb* out) const {
    const QRgb* lut = m_lut.data();
    if (!(absMax > 0)) {
        // No scale: everything but NaN is white (inf * 0 would otherwise read as full red).
        for (qsizetype i = 0; i < count; ++i) {
            const float v = values[i * stride];
            out[i] = lut[v != v ? kSize : 128];
        }
        return;
    }
    const float steps = stepsPerUnit(absMax);
    for (qsizetype i = 0; i < count; ++i) {
        const float v = values[i * stride];
        // A NaN weight must not pass for a zero one: it takes the extra entry.
        const int index = lutIndex(v, steps);
        out[i] = lut[v != v ? kSize : index];
    }
}

QRgb ColorMap::colorFor(float value, float absMax) const {
    // A NaN weight must not pass for a zero one.
    return std::isnan(value) ? m_nan : m_table[indexFor(value, absMax)];
}

QImage ColorMap::colorBar(int height) const {
    QImage bar(1, std::max(height, 2), QImage::Format_RGB32);
    const int h = bar.height();
    for (int y = 0; y < h; ++y) {
        const float value = 1.0f - 2.0f * y / (h - 1);  // +1 at the top
        bar.setPixel(0, y, colorFor(value, 1.0f));
    }
    return bar;
}

}  // namespace linearlab::ui
