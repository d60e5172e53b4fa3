#pragma once
// A loss's keyword arguments as a design states them.
#include <optional>
#include <string>
#include <vector>

namespace linearlab::nn {

/// The keyword arguments a loss may take; an omitted one takes its default from
/// lossTable(), one the loss does not take is an error, as in Python.
struct LossOptions {
    std::optional<std::string> reduction;           ///< 'mean', 'sum' or 'none'
    std::optional<std::vector<double>> weight;      ///< torch.tensor([...]), 1-D
    std::optional<long long> ignore_index;          ///< CrossEntropyLoss
    std::optional<double> label_smoothing;          ///< CrossEntropyLoss
    std::optional<std::vector<double>> pos_weight;  ///< BCEWithLogitsLoss, 1-D
    std::optional<double> delta;                    ///< HuberLoss

    bool operator==(const LossOptions& o) const {
        return reduction == o.reduction && weight == o.weight && ignore_index == o.ignore_index &&
               label_smoothing == o.label_smoothing && pos_weight == o.pos_weight &&
               delta == o.delta;
    }
};

}  // namespace linearlab::nn
