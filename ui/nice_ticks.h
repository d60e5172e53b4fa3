#pragma once
// Round tick values for a chart axis: a step of 1, 2 or 5 times a power of ten,
// and a range widened to whole steps, so an axis reads 0, 0.2, 0.4 or 0, 50,
// 100 (never 0.611, 0.814 or 87, 175, 262). How many ticks fit is the caller's
// measure: the axis length over the widest label's, in pixels.
#include <QString>

class QValueAxis;

namespace linearlab::ui {

struct NiceTicks {
    double lo = 0;    ///< the first tick, a multiple of step, at or below the data
    double hi = 1;    ///< the last tick, a multiple of step, at or above the data
    double step = 1;  ///< 1, 2 or 5 times 10^k
    int count() const;
    /// printf format that shows every tick exactly and no more digits: "%.2f", "%.0f".
    QString labelFormat() const;
};

/// The smallest 1/2/5 x 10^k step that covers [lo, hi] in at most `maxIntervals`
/// steps (at least one); `wholeSteps` keeps the step at 1 or more (counts of steps).
/// An empty or reversed range is widened around lo first.
NiceTicks niceTicks(double lo, double hi, int maxIntervals, bool wholeSteps = false);

/// Sets `axis` to the ticks: its range, a dynamic tick every step from lo, the format.
void applyTicks(QValueAxis* axis, const NiceTicks& ticks);

}  // namespace linearlab::ui
