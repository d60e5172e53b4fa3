#include "core/nn/network_summary.h"

#include "core/nn/layer_table.h"

#include <algorithm>
#include <cstdio>

namespace linearlab::nn {

namespace {

std::string pad(std::string s, size_t width) {
    if (s.size() < width)
        s.append(width - s.size(), ' ');
    return s;
}

}  // namespace

std::string groupDigits(Index n) {
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out = n < 0 ? "-" : "";
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::string summaryTotals(Index totalParameters, Index bytesPerValue) {
    char mb[64];
    std::snprintf(mb, sizeof mb, "%.2f",
                  static_cast<double>(totalParameters) * static_cast<double>(bytesPerValue) / 1e6);
    return "Total params: " + groupDigits(totalParameters) +
           "\nTrainable params: " + groupDigits(totalParameters) +
           "\nNon-trainable params: 0\nParams size (MB): " + mb;
}

std::string NetworkSummary::table() const {
    size_t width = 40;  // the layer column fits the longest repr
    for (const auto& r : rows)
        width = std::max(width, r.repr.size() + std::to_string(r.node).size() + 6);
    const std::string rule(width + 22 + 12, '=');
    std::string s = rule + "\n" + pad("Layer (type:idx)", width) + pad("Output Shape", 22) +
                    "Param #\n" + rule + "\n";
    s += pad("Sequential", width) +
         pad(shapeString(rows.empty() ? inputShape : rows.back().outputShape), 22) + "--\n";
    for (const auto& r : rows)
        s += pad("(" + std::to_string(r.node) + "): " + r.repr, width) +
             pad(shapeString(r.outputShape), 22) +
             (r.parameters ? groupDigits(r.parameters) : "--") + "\n";
    return s + rule + "\n" + summaryTotals(totalParameters, bytesPerValue) + "\n" + rule + "\n";
}

template <typename T>
NetworkSummary summarize(Network<T>& network, Index batch) {
    NetworkSummary summary;
    summary.bytesPerValue = sizeof(T);
    summary.inputShape = {batch, network.inputFeatures()};
    const auto shapes = inferShapes(summary.inputShape, network.layers());
    for (Index i = 0; i < network.size(); ++i) {
        const LayerSpec& spec = network.layers()[static_cast<size_t>(i)];
        // The table counts from the width the node reads, so an unmaterialized
        // LazyLinear is counted as it will be after the first batch.
        const Index in =
            i == 0 ? network.inputFeatures() : shapes[static_cast<size_t>(i - 1)].output.back();
        SummaryRow row{i, network.module(i).repr(), shapes[static_cast<size_t>(i)].output,
                       layerType(spec.type).parameterCount(spec, in)};
        summary.totalParameters += row.parameters;
        summary.rows.push_back(std::move(row));
    }
    return summary;
}

template NetworkSummary summarize<float>(Network<float>&, Index);
template NetworkSummary summarize<double>(Network<double>&, Index);

}  // namespace linearlab::nn
