#include "core/io/network_state.h"

#include "core/io/printable_text.h"
#include "core/nn/lazy_linear.h"
#include "core/nn/plural.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace linearlab::io {

template <typename T>
StateDict stateDictOf(nn::Network<T>& network) {
    StateDict dict;
    for (auto& p : network.namedParameters()) {
        NamedTensor t;
        t.name = p.name;
        t.dtype = nn::dtypeName(nn::dtypeOf<T>());
        t.shape = p.parameter->shape;
        t.values = std::vector<T>(p.parameter->data(), p.parameter->data() + p.parameter->numel());
        dict.push_back(std::move(t));
    }
    return dict;
}

template <typename T>
StateDict stateDictOf(const train::Snapshot<T>& s) {
    if (!s.context)
        return {};
    return stateDictOf(*s.context, s.parameters);
}

template <typename T>
StateDict stateDictOf(const train::RunContext<T>& ctx,
                      const std::vector<nn::Matrix<T>>& parameters) {
    StateDict dict;
    for (size_t i = 0; i < ctx.parameterNames.size() && i < parameters.size(); ++i) {
        NamedTensor t;
        t.name = ctx.parameterNames[i];
        t.dtype = nn::dtypeName(nn::dtypeOf<T>());
        t.shape = ctx.parameterShapes[i];
        const auto& m = parameters[i];
        t.values = std::vector<T>(m.data(), m.data() + m.size());
        dict.push_back(std::move(t));
    }
    return dict;
}

namespace {

// Names come from the file: escaped, so a hostile one cannot add lines to
// PyTorch's multi-line message or drive the terminal.
std::string shown(const std::string& key) {
    return printable(key, 256);
}

std::string quoted(const std::vector<std::string>& keys) {
    std::string s;
    for (const auto& k : keys)
        s += (s.empty() ? "\"" : ", \"") + shown(k) + "\"";
    return s;
}

}  // namespace

template <typename T>
void loadStateDict(nn::Network<T>& network, const StateDict& dict, LazyKeys lazyKeys) {
    // What the model expects: its parameters, plus those an unmaterialized
    // LazyLinear will have once the loaded weight tells its in_features.
    struct Expected {
        nn::Index node;
        std::string param;
        nn::Shape shape;  // empty for a lazy weight's unknown in_features
        bool lazy = false;
    };
    std::vector<std::pair<std::string, Expected>> expected;
    const auto shapes = nn::inferShapes({1, network.inputFeatures()}, network.layers());
    for (nn::Index i = 0; i < network.size(); ++i) {
        const nn::LayerSpec& spec = network.layers()[static_cast<size_t>(i)];
        auto* lazy = dynamic_cast<nn::LazyLinear<T>*>(&network.module(i));
        if (lazy && !lazy->isMaterialized()) {
            const std::string prefix = std::to_string(i) + ".";
            const bool absent = std::none_of(dict.begin(), dict.end(), [&](const NamedTensor& t) {
                return t.name.rfind(prefix, 0) == 0;
            });
            if (absent && lazyKeys == LazyKeys::MayBeAbsent)
                continue;  // stays lazy
            const nn::Index in =
                i == 0 ? network.inputFeatures() : shapes[static_cast<size_t>(i - 1)].output.back();
            expected.push_back({prefix + "weight", {i, "weight", {spec.out_features, in}, true}});
            if (spec.bias)
                expected.push_back({prefix + "bias", {i, "bias", {spec.out_features}, true}});
            continue;
        }
        for (auto& p : network.module(i).namedParameters())
            expected.push_back(
                {std::to_string(i) + "." + p.name, {i, p.name, p.parameter->shape, false}});
    }

    std::map<std::string, const NamedTensor*> given;
    std::vector<std::string> unexpected, missing, mismatches;
    for (const auto& t : dict) {
        given[t.name] = &t;
        bool known = false;
        for (const auto& e : expected)
            known = known || e.first == t.name;
        if (!known)
            unexpected.push_back(t.name);
    }
    for (const auto& [name, e] : expected) {
        auto it = given.find(name);
        if (it == given.end()) {
            missing.push_back(name);
            continue;
        }
        if (it->second->shape != e.shape)
            mismatches.push_back("size mismatch for " + shown(name) +
                                 ": copying a param with shape " +
                                 nn::torchSizeString(it->second->shape) +
                                 " from checkpoint, the shape in current model is " +
                                 nn::torchSizeString(e.shape) + ".");
        if (it->second->values.size() != static_cast<size_t>(nn::numel(it->second->shape)))
            mismatches.push_back(shown(name) + ": the file holds " +
                                 nn::countOf(it->second->values.size(), "value", "values") +
                                 " for shape " + nn::shapeString(it->second->shape));
    }
    // PyTorch lists missing keys, then unexpected ones, then size mismatches.
    std::vector<std::string> errors;
    if (!missing.empty())
        errors.push_back("Missing key(s) in state_dict: " + quoted(missing) + ". ");
    if (!unexpected.empty())
        errors.push_back("Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
    errors.insert(errors.end(), mismatches.begin(), mismatches.end());
    if (!errors.empty()) {
        std::string message = "Error(s) in loading state_dict for Sequential:";
        for (const auto& e : errors)
            message += "\n\t" + e;
        throw std::invalid_argument(message);
    }

    // Everything checked: materialize lazy layers (no draw) and copy.
    for (const auto& [name, e] : expected)
        if (e.lazy && e.param == "weight")
            static_cast<nn::LazyLinear<T>&>(network.module(e.node))
                .materializeUninitialised(e.shape[1]);
    for (auto& p : network.namedParameters()) {
        // As copy_: float32 values widen exactly, float64 ones round to nearest.
        const NamedTensor& t = *given.at(p.name);
        for (nn::Index i = 0; i < p.parameter->numel(); ++i)
            p.parameter->data()[i] = t.values.at<T>(static_cast<size_t>(i));
    }
}

template StateDict stateDictOf<float>(nn::Network<float>&);
template StateDict stateDictOf<double>(nn::Network<double>&);
template StateDict stateDictOf<float>(const train::Snapshot<float>&);
template StateDict stateDictOf<double>(const train::Snapshot<double>&);
template StateDict stateDictOf<float>(const train::RunContext<float>&,
                                      const std::vector<nn::Matrix<float>>&);
template StateDict stateDictOf<double>(const train::RunContext<double>&,
                                       const std::vector<nn::Matrix<double>>&);
template void loadStateDict<float>(nn::Network<float>&, const StateDict&, LazyKeys);
template void loadStateDict<double>(nn::Network<double>&, const StateDict&, LazyKeys);

}  // namespace linearlab::io
