#include "core/nn/collapse.h"

#include "core/nn/layer_table.h"
#include "core/nn/linear.h"

#include <algorithm>
#include <stdexcept>

namespace linearlab::nn {

bool isLinearNode(const LayerSpec& spec) {
    return spec.type == "Linear" || spec.type == "NonDynamicallyQuantizableLinear" ||
           spec.type == "LazyLinear";
}

bool isAffineNode(const LayerSpec& spec) {
    return isLinearNode(spec) || spec.type == "Identity" || spec.type == "Dropout";
}

std::string LinearRun::label() const {
    return "nodes " + std::to_string(first) + "\u2013" + std::to_string(last) + " = Linear(" +
           std::to_string(in_features) + ", " + std::to_string(out_features) + ")";
}

std::vector<LinearRun> findLinearRuns(Index inputFeatures, const std::vector<LayerSpec>& layers) {
    const Index n = static_cast<Index>(layers.size());
    const std::vector<NodeShape> shapes = inferShapes({1, inputFeatures}, layers);
    // A node whose output a later Bilinear reads must stay a node of its own.
    std::vector<bool> readLater(static_cast<size_t>(n), false);
    for (const LayerSpec& spec : layers)
        if (spec.input2.kind == SecondInput::Kind::Node && spec.input2.node >= 0 &&
            spec.input2.node < n)
            readLater[static_cast<size_t>(spec.input2.node)] = true;

    std::vector<LinearRun> runs;
    auto widthOf = [&](Index node) {
        return node < 0 ? inputFeatures : shapes[static_cast<size_t>(node)].output.back();
    };
    Index i = 0;
    while (i < n) {
        const auto affineAt = [&](Index k) {
            return k < n && isAffineNode(layers[static_cast<size_t>(k)]) &&
                   shapes[static_cast<size_t>(k)].error.empty() &&
                   !shapes[static_cast<size_t>(k)].output.empty();
        };
        if (!affineAt(i)) {
            ++i;
            continue;
        }
        Index last = i;
        while (!readLater[static_cast<size_t>(last)] && affineAt(last + 1))
            ++last;
        LinearRun run;
        run.first = i;
        run.last = last;
        run.in_features = widthOf(i - 1);
        run.out_features = widthOf(last);
        run.rankBound = std::min(run.in_features, run.out_features);
        bool anyLinear = false;
        for (Index k = i; k <= last; ++k) {
            const LayerSpec& spec = layers[static_cast<size_t>(k)];
            run.rankBound = std::min(run.rankBound, widthOf(k));
            if (isLinearNode(spec)) {
                anyLinear = true;
                run.bias = run.bias || spec.bias;
            }
        }
        if (last > i && anyLinear)
            runs.push_back(run);
        i = last + 1;
    }
    return runs;
}

NoRunReason whyNoRun(const std::vector<LayerSpec>& layers) {
    const auto firstLinear = std::find_if(layers.begin(), layers.end(),
                                          [](const LayerSpec& s) { return isLinearNode(s); });
    if (firstLinear == layers.end())
        return {};
    const Index linears = std::count_if(layers.begin(), layers.end(),
                                        [](const LayerSpec& s) { return isLinearNode(s); });
    const auto breaker = std::find_if(firstLinear, layers.end(),
                                      [](const LayerSpec& s) { return !isAffineNode(s); });
    if (linears > 1 && breaker != layers.end())
        return {NoRunReason::Kind::NonlinearityAfter, breaker - layers.begin(), breaker->type};
    return {NoRunReason::Kind::LoneLinear, firstLinear - layers.begin(), firstLinear->type};
}

std::string nothingToCollapse(const std::vector<LayerSpec>& layers) {
    const NoRunReason why = whyNoRun(layers);
    const std::string prefix = "nothing to collapse: ";
    const std::string node = "node " + std::to_string(why.node);
    switch (why.kind) {
        case NoRunReason::Kind::NoLinear:
            return prefix + "the design has no Linear layer";
        case NoRunReason::Kind::NonlinearityAfter:
            return prefix + "every Linear is followed by a nonlinearity (" + node + ": " +
                   why.type + ")";
        case NoRunReason::Kind::LoneLinear:
            break;
    }
    return prefix + node + " (" + why.type + ") has no Linear or Identity next to it";
}

std::vector<Index> collapsedNodeIndex(Index nodes, const std::vector<LinearRun>& runs) {
    std::vector<Index> index(static_cast<size_t>(nodes), -1);
    Index next = 0;
    for (Index k = 0; k < nodes; ++k) {
        const auto run = std::find_if(runs.begin(), runs.end(),
                                      [&](const LinearRun& r) { return r.contains(k); });
        if (run == runs.end() || k == run->last)
            index[static_cast<size_t>(k)] = next++;
    }
    return index;
}

std::vector<LayerSpec> collapsedLayers(const std::vector<LayerSpec>& layers,
                                       const std::vector<LinearRun>& runs) {
    const std::vector<Index> index = collapsedNodeIndex(static_cast<Index>(layers.size()), runs);
    std::vector<LayerSpec> out;
    for (size_t k = 0; k < layers.size(); ++k) {
        if (index[k] < 0)
            continue;
        const auto run = std::find_if(runs.begin(), runs.end(), [&](const LinearRun& r) {
            return r.last == static_cast<Index>(k);
        });
        if (run != runs.end()) {
            LayerSpec linear = layerType("Linear").defaultSpec(run->in_features);
            linear.in_features = run->in_features;
            linear.out_features = run->out_features;
            linear.bias = run->bias;
            out.push_back(linear);
            continue;
        }
        LayerSpec spec = layers[k];
        if (spec.input2.kind == SecondInput::Kind::Node)
            spec.input2.node = index[static_cast<size_t>(spec.input2.node)];
        out.push_back(spec);
    }
    return out;
}

template <typename T>
AffineMap<T> composeAffine(Index inFeatures, const std::vector<LinearFactor<T>>& factors,
                           bool bias) {
    AffineMap<T> map;
    map.weight = Matrix<T>::Identity(inFeatures, inFeatures);
    map.bias = Matrix<T>::Zero(1, inFeatures);
    for (const LinearFactor<T>& f : factors) {
        const Matrix<T>& w = *f.weight;  // (out, in)
        // x W1^T + b1, then (x W1^T + b1) W2^T + b2 = x (W2 W1)^T + (b1 W2^T + b2).
        Matrix<T> weight = w * map.weight;
        Matrix<T> b = map.bias * w.transpose();
        if (f.bias)
            b += *f.bias;
        map.weight = std::move(weight);
        map.bias = std::move(b);
    }
    if (!bias)
        map.bias.resize(0, 0);
    return map;
}

template <typename T>
AffineMap<T> collapseRun(Network<T>& network, const LinearRun& run) {
    std::vector<LinearFactor<T>> factors;
    Index width = run.in_features;
    for (Index k = run.first; k <= run.last; ++k) {
        auto* linear = dynamic_cast<Linear<T>*>(&network.module(k));
        if (!linear)
            continue;  // Identity, Dropout (eval): the identity map
        if (linear->inFeatures() != width)
            throw std::invalid_argument("node " + std::to_string(k) + " (" +
                                        network.layers()[static_cast<size_t>(k)].type +
                                        ") is not materialized");
        factors.push_back(
            {&linear->weight().value, linear->hasBias() ? &linear->bias().value : nullptr});
        width = linear->outFeatures();
    }
    return composeAffine(run.in_features, factors, run.bias);
}

template <typename T>
void copyCollapsedParameters(Network<T>& network, const std::vector<LinearRun>& runs,
                             Network<T>& collapsed) {
    const std::vector<Index> index = collapsedNodeIndex(network.size(), runs);
    std::vector<NetworkParameter<T>> target = collapsed.namedParameters();
    auto parameter = [&](Index node, const std::string& name) -> Parameter<T>& {
        const std::string suffix = "." + name;
        for (auto& p : target)
            if (p.node == node && p.name.size() > suffix.size() &&
                p.name.compare(p.name.size() - suffix.size(), suffix.size(), suffix) == 0)
                return *p.parameter;
        throw std::logic_error("collapsed network has no " + std::to_string(node) + "." + name);
    };
    for (const LinearRun& run : runs) {
        AffineMap<T> map = collapseRun(network, run);
        const Index node = index[static_cast<size_t>(run.last)];
        parameter(node, "weight").value = map.weight;
        if (run.bias)
            parameter(node, "bias").value = map.bias;
    }
    for (NetworkParameter<T>& p : network.namedParameters()) {
        const Index node = index[static_cast<size_t>(p.node)];
        const bool inRun = std::any_of(runs.begin(), runs.end(),
                                       [&](const LinearRun& r) { return r.contains(p.node); });
        if (inRun)
            continue;
        const std::string name = p.name.substr(p.name.find('.') + 1);
        parameter(node, name).value = p.parameter->value;
    }
}

template AffineMap<float> composeAffine<float>(Index, const std::vector<LinearFactor<float>>&,
                                               bool);
template AffineMap<double> composeAffine<double>(Index, const std::vector<LinearFactor<double>>&,
                                                 bool);
template AffineMap<float> collapseRun<float>(Network<float>&, const LinearRun&);
template AffineMap<double> collapseRun<double>(Network<double>&, const LinearRun&);
template void copyCollapsedParameters<float>(Network<float>&, const std::vector<LinearRun>&,
                                             Network<float>&);
template void copyCollapsedParameters<double>(Network<double>&, const std::vector<LinearRun>&,
                                              Network<double>&);

}  // namespace linearlab::nn
