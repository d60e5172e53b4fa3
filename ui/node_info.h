#pragma once
// What the diagram and the summary show for each node of a design before any
// training: PyTorch's repr, the inferred output shape for one batch, the
// parameter count, or the shape problem in PyTorch's words.
#include "core/train/design.h"
#include "core/train/training_memory.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace linearlab::ui {

struct NodeInfo {
    QString repr;         ///< "Linear(in_features=20, out_features=40, bias=True)"
    QString shape;        ///< "[128, 40]"; empty when unknown
    nn::Index width = 0;  ///< the output's last dim (features), 0 when unknown
    int64_t parameters = 0;
    QString error;  ///< PyTorch's message (or the memory limit's) when this node cannot run
};

/// How the window counts a design against the memory limit: the trainer's
/// copies of each parameter, and two more for the Weights view, which keeps a
/// matrix and an RGB32 image (four bytes a value, as a float) of each one it shows.
train::TrainingMemoryOptions windowMemoryOptions();

/// One entry per node of `design`, for an input of (batch size, input features).
/// A node whose parameters and the copies training keeps would exceed the
/// memory limit has that as its error, as a shape problem would.
std::vector<NodeInfo> describeNodes(const train::Design& design);

/// The first node error of `infos` as "node i: message", or empty.
QString firstNodeError(const std::vector<NodeInfo>& infos);

}  // namespace linearlab::ui
