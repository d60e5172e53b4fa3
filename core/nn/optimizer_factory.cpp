#include "core/nn/optimizer_factory.h"

#include "core/nn/adagrad.h"
#include "core/nn/adam.h"
#include "core/nn/adamax.h"
#include "core/nn/adamw.h"
#include "core/nn/nadam.h"
#include "core/nn/radam.h"
#include "core/nn/rmsprop.h"
#include "core/nn/sgd.h"

#include <stdexcept>
#include <utility>

namespace linearlab::nn {

namespace {

/// `options` with every argument `info` takes set: the given value, else the
/// table's default. Throws as Python would for an argument `info` does not take
/// and for a required one left out.
OptimizerOptions completed(const OptimizerInfo& info, const OptimizerOptions& options) {
    for (OptimizerKeyword k : optimizerKeywords())
        if (keywordValue(options, k) && !info.takes(k))
            throw std::invalid_argument(info.name +
                                        ".__init__() got an unexpected keyword argument '" +
                                        keywordName(k) + "'");
    OptimizerOptions full = options;
    for (const OptimizerArgument& a : info.arguments) {
        if (keywordValue(options, a.keyword))
            continue;
        if (a.required)
            throw std::invalid_argument(info.name + ": " + keywordName(a.keyword) + " is required");
        setKeywordValue(full, a.keyword, a.defaultValue);
    }
    return full;
}

}  // namespace

template <typename T>
std::unique_ptr<Optimizer<T>> makeOptimizer(const OptimizerOptions& options,
                                            std::vector<Parameter<T>*> params) {
    const OptimizerInfo* info = findOptimizer(options.type);
    if (!info) {
        std::string expected;
        for (const auto& name : optimizerTypeNames())
            expected += (expected.empty() ? "" : ", ") + name;
        throw std::invalid_argument("unknown optimizer '" + options.type + "'; expected one of " +
                                    expected);
    }
    const OptimizerOptions o = completed(*info, options);
    if (o.type == "SGD")
        return std::make_unique<SGD<T>>(std::move(params), *o.lr, *o.momentum, *o.dampening,
                                        *o.weight_decay, *o.nesterov, *o.maximize);
    if (o.type == "Adam")
        return std::make_unique<Adam<T>>(std::move(params), *o.lr, *o.betas, *o.eps,
                                         *o.weight_decay, *o.amsgrad, *o.maximize);
    if (o.type == "AdamW")
        return std::make_unique<AdamW<T>>(std::move(params), *o.lr, *o.betas, *o.eps,
                                          *o.weight_decay, *o.amsgrad, *o.maximize);
    if (o.type == "RMSprop")
        return std::make_unique<RMSprop<T>>(std::move(params), *o.lr, *o.alpha, *o.eps,
                                            *o.weight_decay, *o.momentum, *o.centered, *o.maximize);
    if (o.type == "Adagrad")
        return std::make_unique<Adagrad<T>>(std::move(params), *o.lr, *o.lr_decay, *o.weight_decay,
                                            *o.initial_accumulator_value, *o.eps, *o.maximize);
    if (o.type == "Adamax")
        return std::make_unique<Adamax<T>>(std::move(params), *o.lr, *o.betas, *o.eps,
                                           *o.weight_decay, *o.maximize);
    if (o.type == "NAdam")
        return std::make_unique<NAdam<T>>(std::move(params), *o.lr, *o.betas, *o.eps,
                                          *o.weight_decay, *o.momentum_decay);
    if (o.type == "RAdam")
        return std::make_unique<RAdam<T>>(std::move(params), *o.lr, *o.betas, *o.eps,
                                          *o.weight_decay);
    throw std::logic_error("optimizer '" + o.type + "' is in the table but has no constructor");
}

template std::unique_ptr<Optimizer<float>> makeOptimizer<float>(const OptimizerOptions&,
                                                                std::vector<Parameter<float>*>);
template std::unique_ptr<Optimizer<double>> makeOptimizer<double>(const OptimizerOptions&,
                                                                  std::vector<Parameter<double>*>);

}  // namespace linearlab::nn
