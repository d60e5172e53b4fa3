#pragma once
// Losses by PyTorch class name, for design files and the command line.
#include "core/nn/loss.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace linearlab::nn {

/// The keyword arguments a loss may take; an omitted one takes PyTorch's default.
struct LossOptions {
    std::optional<double> delta;  ///< HuberLoss only; default 1.0
};

/// The names makeLoss accepts, in the order the GUI lists them.
const std::vector<std::string>& lossTypeNames();

/// "MSELoss", "L1Loss", "HuberLoss", "CrossEntropyLoss", "BCEWithLogitsLoss".
/// Throws std::invalid_argument for an unknown name ("unknown loss 'Foo'; expected one
/// of ...") or an argument the loss does not take, in Python's words.
template <typename T>
std::unique_ptr<Loss<T>> makeLoss(const std::string& type, const LossOptions& options = {});

extern template std::unique_ptr<Loss<float>> makeLoss<float>(const std::string&,
                                                             const LossOptions&);
extern template std::unique_ptr<Loss<double>> makeLoss<double>(const std::string&,
                                                               const LossOptions&);

}  // namespace linearlab::nn
