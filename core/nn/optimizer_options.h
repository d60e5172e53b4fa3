#pragma once
// torch.optim's keyword arguments as a design states them.
#include <array>
#include <optional>
#include <string>

namespace linearlab::nn {

/// An optimizer's class name and keyword arguments. An omitted field takes the
/// type's default (see optimizerTable()); a field the type does not take is an
/// error, as in Python.
struct OptimizerOptions {
    std::string type = "SGD";  ///< a name in optimizerTable()
    std::optional<double> lr;
    std::optional<double> momentum;
    std::optional<double> dampening;
    std::optional<double> weight_decay;
    std::optional<bool> nesterov;
    std::optional<std::array<double, 2>> betas;
    std::optional<double> eps;
    std::optional<bool> amsgrad;
    std::optional<double> alpha;
    std::optional<bool> centered;
    std::optional<double> lr_decay;
    std::optional<double> initial_accumulator_value;
    std::optional<double> momentum_decay;
    std::optional<bool> maximize;

    /// Field by field; an omitted keyword differs from one set to its default.
    bool operator==(const OptimizerOptions& o) const;
};

}  // namespace linearlab::nn
