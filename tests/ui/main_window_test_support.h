#pragma once
// Helpers shared by the MainWindow tests (tst_main_window, tst_main_window_files).
#include "core/train/design.h"
#include "tests/core/train/design_test_support.h"
#include "ui/main_window.h"
#include "ui/training_controller.h"

namespace linearlab::test {

inline nn::LayerSpec layer(const char* type, nn::Index in = 0, nn::Index out = 0) {
    nn::LayerSpec s;
    s.type = type;
    s.in_features = in;
    s.out_features = out;
    return s;
}

/// The seed example, training without an epoch limit so it never stops on its own.
inline train::Design endless() {
    train::Design d = train::seedExampleDesign();
    d.train.epochs = 0;
    return d;
}

inline nn::Index shownStep(ui::MainWindow& w) {
    const ui::SnapshotPtr s = w.controller()->latestSnapshot();
    return s ? s->step : -1;
}

}  // namespace linearlab::test
