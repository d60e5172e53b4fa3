#pragma once
// The one place for the colours that carry data. A diverging map centred on
// zero: blue for negative, white for zero, orange-red for positive (Paul Tol's
// "sunset"), safe for colour-vision deficiencies and darkening from the centre
// to both ends. The scale is symmetric, so equal magnitudes get equally strong
// colours; the sign is carried by hue and by the colour bar's +/- labels, the
// strength by lightness. And the class palette (Okabe-Ito).
#include <QColor>
#include <QImage>
#include <QVector>

#include <array>

namespace linearlab::ui {

class ColorMap {
public:
    static constexpr int kSize = 256;

    ColorMap();
    /// Colour of class `k` (wrapping after classCount()): Okabe-Ito's palette.
    static QRgb classColor(int k);
    static int classCount();

    /// The shared instance every view uses, so colours mean the same everywhere.
    static const ColorMap& diverging();

    /// Colour of `value` on the scale [-absMax, absMax]; values outside are clamped.
    /// Zero (and any value when absMax <= 0) is white; NaN is a neutral grey.
    QRgb colorFor(float value, float absMax) const;
    /// LUT index of `value`: 0 is -absMax, 127 and 128 are white (small negative
    /// and zero-or-positive), 255 is +absMax. NaN gives 128.
    int indexFor(float value, float absMax) const;
    /// colorFor of `count` values read `stride` floats apart, written to `out`: one
    /// tight loop over a row, with the per-call checks hoisted, so a 512 x 512
    /// weight maps in well under a millisecond on the GUI thread.
    void mapValues(const float* values, qsizetype count, qsizetype stride, float absMax,
                   QRgb* out) const;
    /// The 256-entry lookup table.
    const QVector<QRgb>& table() const { return m_table; }
    QRgb at(int index) const { return m_table[index]; }
    QRgb nanColor() const { return m_nan; }

    /// A vertical colour bar, +absMax at the top, of the given pixel height (width 1).
    QImage colorBar(int height) const;

private:
    QVector<QRgb> m_table;
    QRgb m_nan;
    /// m_table followed by m_nan, so mapValues picks NaN's colour by index too.
    std::array<QRgb, kSize + 1> m_lut;
};

}  // namespace linearlab::ui
