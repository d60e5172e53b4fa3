#pragma once
// Optimizers by PyTorch class name, for design files and the command line.
#include "core/nn/optimizer.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace linearlab::nn {

/// torch.optim's keyword arguments. An omitted field takes the type's PyTorch
/// default; a field the type does not take is an error, as in Python.
struct OptimizerOptions {
    std::string type = "SGD";                    ///< "SGD", "Adam", "AdamW", "RMSprop"
    std::optional<double> lr;                    ///< required for SGD; Adam(W) 1e-3, RMSprop 1e-2
    std::optional<double> momentum;              ///< SGD, RMSprop: 0
    std::optional<double> dampening;             ///< SGD: 0
    std::optional<double> weight_decay;          ///< all: 0; AdamW: 1e-2
    std::optional<bool> nesterov;                ///< SGD: false
    std::optional<std::array<double, 2>> betas;  ///< Adam, AdamW: (0.9, 0.999)
    std::optional<double> eps;                   ///< Adam, AdamW, RMSprop: 1e-8
    std::optional<bool> amsgrad;                 ///< Adam, AdamW: false
    std::optional<double> alpha;                 ///< RMSprop: 0.99
    std::optional<bool> centered;                ///< RMSprop: false
};

/// The names makeOptimizer accepts, in the order the GUI lists them.
const std::vector<std::string>& optimizerTypeNames();

/// Throws std::invalid_argument for an unknown type ("unknown optimizer 'Foo'; expected
/// one of SGD, Adam, AdamW, RMSprop"), SGD without lr ("SGD: lr is required"), an
/// argument the type does not take ("Adam.__init__() got an unexpected keyword argument
/// 'momentum'") and the optimizer's own validation errors.
template <typename T>
std::unique_ptr<Optimizer<T>> makeOptimizer(const OptimizerOptions& options,
                                            std::vector<Parameter<T>*> params);

extern template std::unique_ptr<Optimizer<float>> makeOptimizer<float>(
    const OptimizerOptions&, std::vector<Parameter<float>*>);
extern template std::unique_ptr<Optimizer<double>> makeOptimizer<double>(
    const OptimizerOptions&, std::vector<Parameter<double>*>);

}  // namespace linearlab::nn
