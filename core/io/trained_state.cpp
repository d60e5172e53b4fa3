#include "core/io/trained_state.h"

#include "core/io/network_state.h"
#include "core/nn/layer_table.h"

#include <algorithm>
#include <map>
#include <string>

namespace linearlab::io {

bool TrainedState::operator==(const TrainedState& o) const {
    return design == o.design && weights == o.weights && progress == o.progress &&
           seeded == o.seeded && materialized == o.materialized;
}

template <typename T>
TrainedState captureTrainedState(train::Trainer<T>& trainer) {
    TrainedState state;
    state.design = trainer.design();
    state.weights = stateDictOf(trainer.network());
    state.progress = trainer.progress();
    state.seeded = trainer.hasSeededWeights();
    state.materialized = trainer.network().isMaterialized();
    return state;
}

bool holdsEveryLazyLayer(const train::Design& design, const StateDict& weights) {
    for (size_t i = 0; i < design.layers.size(); ++i) {
        if (!nn::layerType(design.layers[i].type).isLazy)
            continue;
        const std::string name = std::to_string(i) + ".weight";
        if (std::none_of(weights.begin(), weights.end(),
                         [&](const NamedTensor& t) { return t.name == name; }))
            return false;
    }
    return true;
}

std::vector<nn::Index> alignNodes(const std::vector<nn::LayerSpec>& before,
                                  const std::vector<nn::LayerSpec>& after) {
    const size_t shorter = std::min(before.size(), after.size());
    size_t prefix = 0;
    while (prefix < shorter && before[prefix].type == after[prefix].type)
        ++prefix;
    size_t suffix = 0;
    while (suffix < shorter - prefix &&
           before[before.size() - 1 - suffix].type == after[after.size() - 1 - suffix].type)
        ++suffix;
    std::vector<nn::Index> match(after.size(), -1);
    for (size_t i = 0; i < prefix; ++i)
        match[i] = static_cast<nn::Index>(i);
    for (size_t k = 0; k < suffix; ++k)
        match[after.size() - 1 - k] = static_cast<nn::Index>(before.size() - 1 - k);
    return match;
}

namespace {

/// "12.weight" -> (12, "weight"); (-1, "") for a name that is not a node's.
std::pair<nn::Index, std::string> splitName(const std::string& name) {
    const size_t dot = name.find('.');
    if (dot == std::string::npos || dot == 0)
        return {-1, {}};
    try {
        return {static_cast<nn::Index>(std::stoll(name.substr(0, dot))), name.substr(dot + 1)};
    } catch (const std::exception&) {
        return {-1, {}};
    }
}

}  // namespace

StateDict carryOverWeights(const train::Design& before, const StateDict& trained,
                           const train::Design& after, StateDict fresh, size_t* kept) {
    const std::vector<nn::Index> match = alignNodes(before.layers, after.layers);
    std::map<std::string, const NamedTensor*> old;
    for (const NamedTensor& t : trained)
        old[t.name] = &t;
    size_t carried = 0;
    for (NamedTensor& t : fresh) {
        const auto [node, param] = splitName(t.name);
        if (node < 0 || node >= static_cast<nn::Index>(match.size()) ||
            match[static_cast<size_t>(node)] < 0)
            continue;
        const auto it = old.find(std::to_string(match[static_cast<size_t>(node)]) + "." + param);
        if (it == old.end() || it->second->shape != t.shape)
            continue;
        // A change of dtype converts them, as model.double() or model.float() does.
        t.values = it->second->values.convertedTo(t.values.dtype());
        ++carried;
    }
    if (kept)
        *kept = carried;
    return fresh;
}

template <typename T>
bool adoptTrainedState(train::Trainer<T>& trainer, const TrainedState& state) {
    if (state.seeded)
        return false;
    // Lazy layers that had trained weights take them now instead of at the
    // first step; materializing draws what the first step would.
    if (state.materialized)
        trainer.materialize();
    size_t kept = 0;
    StateDict dict = carryOverWeights(state.design, state.weights, trainer.design(),
                                      stateDictOf(trainer.network()), &kept);
    if (kept == 0 && !dict.empty())
        return false;
    loadStateDict(trainer.network(), dict, LazyKeys::MayBeAbsent);
    trainer.parametersReplaced();
    trainer.restoreProgress(state.progress);
    return true;
}

template TrainedState captureTrainedState<float>(train::Trainer<float>&);
template TrainedState captureTrainedState<double>(train::Trainer<double>&);
template bool adoptTrainedState<float>(train::Trainer<float>&, const TrainedState&);
template bool adoptTrainedState<double>(train::Trainer<double>&, const TrainedState&);

}  // namespace linearlab::io
