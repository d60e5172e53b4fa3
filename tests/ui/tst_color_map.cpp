// The colour maps under simulated colour-vision deficiency. Machado, Oliveira &
// Fernandes (2009), "A Physiologically-based Model for Simulation of Color Vision
// Deficiency", give one 3x3 matrix per deficiency and severity, applied to linear
// (not gamma-encoded) sRGB; severity 1 is the full dichromacy. Distances are CIE76
// ΔE in CIELAB (D65).
#include "ui/color_map.h"

#include <QtTest>

#include <algorithm>
#include <array>
#include <cmath>

using linearlab::ui::ColorMap;

namespace {

using Matrix3 = std::array<std::array<double, 3>, 3>;
using Vec3 = std::array<double, 3>;

constexpr Matrix3 kProtanopia = {{{0.152286, 1.052583, -0.204868},
                                  {0.114503, 0.786281, 0.099216},
                                  {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix3 kDeuteranopia = {{{0.367322, 0.860646, -0.227968},
                                    {0.280085, 0.672501, 0.047413},
                                    {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix3 kTritanopia = {{{1.255528, -0.076749, -0.178779},
                                  {-0.078411, 0.930809, 0.147602},
                                  {0.004733, 0.691367, 0.303900}}};
constexpr Matrix3 kNormal = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};

// ΔE 2.3 is a just-noticeable difference on large patches; class colours are read
// on dots a few pixels wide, where differences shrink, so a pair must be at least
// 10 apart — about the distance of two named colours — under every deficiency.
constexpr double kMinClassDeltaE = 10.0;

double toLinear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

/// Linear RGB in [0, 1] as the dichromat sees `rgb`.
Vec3 simulate(QRgb rgb, const Matrix3& m) {
    const Vec3 in = {toLinear(qRed(rgb) / 255.0), toLinear(qGreen(rgb) / 255.0),
                     toLinear(qBlue(rgb) / 255.0)};
    Vec3 out{};
    for (int i = 0; i < 3; ++i)
        out[i] = std::clamp(m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2], 0.0, 1.0);
    return out;
}

/// CIELAB of a linear sRGB colour, D65 white.
Vec3 lab(const Vec3& c) {
    const double x = 0.4124564 * c[0] + 0.3575761 * c[1] + 0.1804375 * c[2];
    const double y = 0.2126729 * c[0] + 0.7151522 * c[1] + 0.0721750 * c[2];
    const double z = 0.0193339 * c[0] + 0.1191920 * c[1] + 0.9503041 * c[2];
    auto f = [](double t) {
        return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
    };
    const double fx = f(x / 0.95047), fy = f(y), fz = f(z / 1.08883);
    return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

double deltaE(const Vec3& a, const Vec3& b) {
    const Vec3 p = lab(a), q = lab(b);
    return std::sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) +
                     (p[2] - q[2]) * (p[2] - q[2]));
}

struct Deficiency {
    const char* name;
    Matrix3 matrix;
};
const std::array<Deficiency, 4> kDeficiencies = {{{"normal", kNormal},
                                                  {"protanopia", kProtanopia},
                                                  {"deuteranopia", kDeuteranopia},
                                                  {"tritanopia", kTritanopia}}};

}  // namespace

class TestColorMap : public QObject {
    Q_OBJECT

private slots:
    void classColoursStayApartUnderEveryDeficiency() {
        const int n = ColorMap::classCount();
        QCOMPARE(n, 8);
        for (const Deficiency& d : kDeficiencies) {
            double closest = 1e9;
            for (int a = 0; a < n; ++a)
                for (int b = a + 1; b < n; ++b) {
                    const double e = deltaE(simulate(ColorMap::classColor(a), d.matrix),
                                            simulate(ColorMap::classColor(b), d.matrix));
                    closest = std::min(closest, e);
                    QVERIFY2(e >= kMinClassDeltaE,
                             qPrintable(QStringLiteral("%1: classes %2 and %3 only %4 apart")
                                            .arg(QLatin1String(d.name))
                                            .arg(a)
                                            .arg(b)
                                            .arg(e, 0, 'f', 1)));
                }
            qInfo("%s: closest class pair %.1f", d.name, closest);
        }
        QCOMPARE(ColorMap::classColor(8), ColorMap::classColor(0));  // wraps
    }

    void divergingEndsDifferAndDarkenAwayFromZero() {
        const ColorMap& map = ColorMap::diverging();
        for (const Deficiency& d : kDeficiencies) {
            const double ends =
                deltaE(simulate(map.at(0), d.matrix), simulate(map.at(255), d.matrix));
            qInfo("%s: negative and positive ends %.1f apart", d.name, ends);
            QVERIFY2(ends >= 40, d.name);
            // Lightness rises strictly from each end to the white centre, so the
            // strength of a weight reads without hue.
            auto lightness = [&](int i) { return lab(simulate(map.at(i), d.matrix))[0]; };
            for (int i = 0; i < 127; ++i)
                QVERIFY2(lightness(i) < lightness(i + 1), qPrintable(QString::number(i)));
            for (int i = 128; i < 255; ++i)
                QVERIFY2(lightness(i) > lightness(i + 1), qPrintable(QString::number(i)));
            // Equal magnitudes of opposite sign are about equally light, so neither
            // sign looks stronger: within 1 L* for normal vision; protanopes see the
            // red end darker (up to 12 L* here), which still keeps it readable.
            const double tolerance = d.matrix == kNormal ? 1.0 : 15.0;
            for (int step = 0; step < 128; step += 16)
                QVERIFY(std::abs(lightness(127 - step) - lightness(128 + step)) < tolerance);
        }
        QCOMPARE(map.colorFor(0.0f, 1.0f), qRgb(255, 255, 255));
    }
};

QTEST_APPLESS_MAIN(TestColorMap)
#include "tst_color_map.moc"
