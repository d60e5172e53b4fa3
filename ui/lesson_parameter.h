#pragma once
// Which parameters a lesson about one node shows: its weight and bias, found in
// the run context by the node they belong to and their state-dict names.
#include "core/train/snapshot.h"

#include <string>

namespace linearlab::ui {

/// The index of node `node`'s "weight" in the context's parameters; for -1 or
/// a node without one, the first weight of the network; -1 when there is none.
inline int lessonWeightIndex(const train::RunContext<float>& c, int node) {
    int first = -1;
    for (size_t i = 0; i < c.parameterNames.size(); ++i) {
        const std::string& name = c.parameterNames[i];
        if (name.size() < 7 || name.compare(name.size() - 7, 7, ".weight") != 0)
            continue;
        if (c.parameterNodes[i] == node)
            return static_cast<int>(i);
        if (first < 0)
            first = static_cast<int>(i);
    }
    return first;
}

/// The index of the bias of the node parameter `weight` belongs to, or -1.
inline int lessonBiasIndex(const train::RunContext<float>& c, int weight) {
    if (weight < 0)
        return -1;
    const auto node = c.parameterNodes[static_cast<size_t>(weight)];
    const std::string bias = std::to_string(node) + ".bias";
    for (size_t i = 0; i < c.parameterNames.size(); ++i)
        if (c.parameterNames[i] == bias)
            return static_cast<int>(i);
    return -1;
}

}  // namespace linearlab::ui
