#pragma once
// The collapse facts of core/nn/collapse in the window's language: a run's
// label and why a design has none. The CLI words the same facts in English
// (LinearRun::label, nn::nothingToCollapse); the layer names stay PyTorch's.
#include "core/nn/collapse.h"

#include <QString>

namespace linearlab::ui {

/// "nodes 0–2 = Linear(2, 1)"
QString runLabel(const nn::LinearRun& run);
/// "nothing to collapse: every Linear is followed by a nonlinearity (node 1: ReLU)"
QString nothingToCollapseText(const std::vector<nn::LayerSpec>& layers);

}  // namespace linearlab::ui
