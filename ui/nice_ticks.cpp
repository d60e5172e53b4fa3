#include "ui/nice_ticks.h"

#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace linearlab::ui {

int NiceTicks::count() const {
    return static_cast<int>(std::lround((hi - lo) / step)) + 1;
}

QString NiceTicks::labelFormat() const {
    // A step of 0.05 needs two decimals, 0.2 one, 5 or 2000 none.
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    return QStringLiteral("%.%1f").arg(decimals);
}

NiceTicks niceTicks(double lo, double hi, int maxIntervals, bool wholeSteps) {
    maxIntervals = std::max(maxIntervals, 1);
    if (!std::isfinite(lo) || !std::isfinite(hi))
        lo = 0, hi = 1;
    if (hi <= lo) {
        // One value: a unit around it (in its own magnitude), so it sits inside the axis.
        const double unit = lo == 0 ? 1.0 : std::pow(10.0, std::floor(std::log10(std::abs(lo))));
        hi = lo + unit;
        lo -= unit;
    }
    // Candidates from the magnitude of span / maxIntervals upwards, 1, 2, 5 in each
    // decade; the first whose whole steps cover [lo, hi] in few enough intervals. The
    // slack keeps a value that is itself a tick (to rounding) from adding a step.
    const int decade = static_cast<int>(std::floor(std::log10((hi - lo) / maxIntervals)));
    NiceTicks t;
    for (int k = decade;; ++k) {
        for (double m : {1.0, 2.0, 5.0}) {
            const double step = m * std::pow(10.0, k);
            if (wholeSteps && step < 1)
                continue;
            t.step = step;
            t.lo = std::floor(lo / step + 1e-9) * step;
            t.hi = std::ceil(hi / step - 1e-9) * step;
            if (t.count() - 1 <= maxIntervals)
                return t;
        }
    }
}

void applyTicks(QValueAxis* axis, const NiceTicks& ticks) {
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(ticks.step);
    axis->setLabelFormat(ticks.labelFormat());
    axis->setRange(ticks.lo, ticks.hi);
}

}  // namespace linearlab::ui
