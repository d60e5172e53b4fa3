#pragma once
// `linearlab --benchmark SECONDS [FILE]`: training throughput with the whole
// window on screen against the same design trained headless, as the CLI does
// (Trainer::trainStep in a plain loop), in the same process and for the same
// time. The headless run goes before and after the GUI run, so a machine that
// speeds up or slows down meanwhile shows as a spread instead of a bias.
#include "core/train/design.h"

#include <QString>

namespace linearlab::ui {

struct GuiBenchmarkResult {
    QString design;        ///< what was trained (file name or "seed")
    QString platform;      ///< the Qt platform plugin: offscreen, xcb, ...
    double seconds = 0;    ///< measured time per run
    int docksVisible = 0;  ///< of docksTotal: every view was on screen
    int docksTotal = 0;
    double guiStepsPerSecond = 0;
    double headlessBefore = 0;        ///< steps/s, headless, before the GUI run
    double headlessAfter = 0;         ///< steps/s, headless, after it
    double viewUpdatesPerSecond = 0;  ///< snapshots the views showed during the GUI run
    /// How late a 5 ms timer ran on the GUI thread during the GUI run.
    int lateTicks = 0;
    double latenessP99Ms = 0;
    double latenessMaxMs = 0;
    QString error;  ///< empty unless a run could not train

    double headlessStepsPerSecond() const { return (headlessBefore + headlessAfter) / 2; }
    /// GUI steps/s over the mean headless steps/s.
    double ratio() const;
    /// One JSON line.
    QString toJson() const;
};

/// Trains `design` without its epoch/step limits (so every run lasts `seconds`):
/// headless, then in a MainWindow showing every dock, then headless again.
/// Runs a nested event loop; needs a QApplication.
GuiBenchmarkResult runGuiBenchmark(train::Design design, const QString& name, double seconds);

}  // namespace linearlab::ui
