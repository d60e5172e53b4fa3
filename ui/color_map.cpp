#include "ui/color_map.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace linearlab::ui {

namespace {

// RdBu control points from ColorBrewer, strongest blue to white; the red half
// mirrors it with the red control points. The centre is pure white rather than
// RdBu's #f7f7f7 so an exact zero reads as "nothing there".
constexpr std::array<QRgb, 6> kBlueHalf = {0xff053061, 0xff2166ac, 0xff4393c3,
                                           0xff92c5de, 0xffd1e5f0, 0xffffffff};
constexpr std::array<QRgb, 6> kRedHalf = {0xffffffff, 0xfffddbc7, 0xfff4a582,
                                          0xffd6604d, 0xffb2182b, 0xff67001f};

QRgb interpolate(const std::array<QRgb, 6>& stops, double t) {
    const double x = std::clamp(t, 0.0, 1.0) * (stops.size() - 1);
    const int i = std::min(static_cast<int>(x), static_cast<int>(stops.size()) - 2);
    const double f = x - i;
    auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
    const QRgb a = stops[i], b = stops[i + 1];
    return qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
}

}  // namespace

ColorMap::ColorMap() : m_table(kSize), m_nan(qRgb(160, 160, 160)) {
    // Entries 0..127 run blue -> white and 128..255 white -> red, so zero has an
    // exact white entry (128) and the two ends are equally far from it.
    for (int i = 0; i < 128; ++i) {
        m_table[i] = interpolate(kBlueHalf, i / 127.0);
        m_table[128 + i] = interpolate(kRedHalf, i / 127.0);
    }
}

const ColorMap& ColorMap::diverging() {
    static const ColorMap map;
    return map;
}

int ColorMap::indexFor(float value, float absMax) const {
    if (std::isnan(value) || !(absMax > 0) || value == 0)
        return 128;
    const float t = std::clamp(value / absMax, -1.0f, 1.0f);
    const int step = static_cast<int>(std::lround(std::fabs(t) * 127.0f));
    return t > 0 ? 128 + step : 127 - step;
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
