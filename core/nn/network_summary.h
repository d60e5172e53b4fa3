#pragma once
// A summary of a network in the manner of torchinfo: per node the PyTorch
// repr, the output shape for a batch, the parameter count; then totals.
#include "core/nn/network.h"

#include <string>
#include <vector>

namespace linearlab::nn {

struct SummaryRow {
    Index node;
    std::string repr;   ///< "Linear(in_features=20, out_features=40, bias=True)"
    Shape outputShape;  ///< for the batch the summary was made for
    Index parameters;   ///< learnable values of this node
};

struct NetworkSummary {
    std::vector<SummaryRow> rows;
    Shape inputShape;
    Index totalParameters = 0;
    /// Bytes of one parameter value: 4 for float32, 8 for float64.
    Index bytesPerValue = 4;

    /// The table as text, torchinfo's layout.
    std::string table() const;
};

/// 1234567 -> "1,234,567", as torchinfo prints counts.
std::string groupDigits(Index n);

/// torchinfo's totals block for `totalParameters` values of `bytesPerValue`
/// bytes (4 for float32, 8 for float64), four lines: "Total params: 1,651",
/// "Trainable params: ...", "Non-trainable params: 0", "Params size (MB): 0.01"
/// (no final newline).
std::string summaryTotals(Index totalParameters, Index bytesPerValue = 4);

/// The summary for an input of (batch, input_features). An unmaterialized
/// LazyLinear is counted with the in_features the design infers for it.
template <typename T>
NetworkSummary summarize(Network<T>& network, Index batch);

}  // namespace linearlab::nn
