#pragma once
// Losses by PyTorch class name, for design files and the command line.
#include "core/nn/loss.h"
#include "core/nn/loss_options.h"
#include "core/nn/loss_table.h"

#include <memory>
#include <string>

namespace linearlab::nn {

/// A loss in lossTable() ("MSELoss", "HuberLoss", ...); an omitted keyword takes the
/// table's default. Throws std::invalid_argument for an unknown name ("unknown loss
/// 'Foo'; expected one of ...") or an argument the loss does not take, in Python's
/// words.
template <typename T>
std::unique_ptr<Loss<T>> makeLoss(const std::string& type, const LossOptions& options = {});

extern template std::unique_ptr<Loss<float>> makeLoss<float>(const std::string&,
                                                             const LossOptions&);
extern template std::unique_ptr<Loss<double>> makeLoss<double>(const std::string&,
                                                               const LossOptions&);

}  // namespace linearlab::nn
