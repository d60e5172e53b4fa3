#pragma once
// Optimizers by PyTorch class name, for design files and the command line.
#include "core/nn/optimizer.h"
#include "core/nn/optimizer_options.h"
#include "core/nn/optimizer_table.h"

#include <memory>
#include <vector>

namespace linearlab::nn {

/// Throws std::invalid_argument for an unknown type ("unknown optimizer 'Foo'; expected
/// one of SGD, Adam, AdamW, RMSprop, Adagrad, Adamax, NAdam, RAdam"), an argument the type does not
/// take
/// ("Adam.__init__() got an unexpected keyword argument 'momentum'"), a required one
/// left out ("SGD: lr is required") and the optimizer's own validation errors. An
/// omitted argument takes its default from optimizerTable().
template <typename T>
std::unique_ptr<Optimizer<T>> makeOptimizer(const OptimizerOptions& options,
                                            std::vector<Parameter<T>*> params);

extern template std::unique_ptr<Optimizer<float>> makeOptimizer<float>(
    const OptimizerOptions&, std::vector<Parameter<float>*>);
extern template std::unique_ptr<Optimizer<double>> makeOptimizer<double>(
    const OptimizerOptions&, std::vector<Parameter<double>*>);

}  // namespace linearlab::nn
