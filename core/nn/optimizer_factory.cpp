#include "core/nn/optimizer_factory.h"

#include "core/nn/adam.h"
#include "core/nn/adamw.h"
#include "core/nn/rmsprop.h"
#include "core/nn/sgd.h"

#include <stdexcept>
#include <utility>

namespace linearlab::nn {

namespace {

/// Rejects every set field whose name is not in `accepted`, as Python rejects an
/// unexpected keyword argument.
void checkArguments(const OptimizerOptions& o, const std::vector<std::string>& accepted) {
    const std::pair<const char*, bool> given[] = {
        {"momentum", o.momentum.has_value()}, {"dampening", o.dampening.has_value()},
        {"nesterov", o.nesterov.has_value()}, {"betas", o.betas.has_value()},
        {"eps", o.eps.has_value()},           {"amsgrad", o.amsgrad.has_value()},
        {"alpha", o.alpha.has_value()},       {"centered", o.centered.has_value()},
    };
    for (const auto& [name, set] : given) {
        if (!set)
            continue;
        bool ok = false;
        for (const auto& a : accepted)
            ok = ok || a == name;
        if (!ok)
            throw std::invalid_argument(
                o.type + ".__init__() got an unexpected keyword argument '" + name + "'");
    }
}

}  // namespace

const std::vector<std::string>& optimizerTypeNames() {
    static const std::vector<std::string> names{"SGD", "Adam", "AdamW", "RMSprop"};
    return names;
}

template <typename T>
std::unique_ptr<Optimizer<T>> makeOptimizer(const OptimizerOptions& o,
                                            std::vector<Parameter<T>*> params) {
    if (o.type == "SGD") {
        checkArguments(o, {"momentum", "dampening", "nesterov"});
        if (!o.lr)
            throw std::invalid_argument("SGD: lr is required");
        return std::make_unique<SGD<T>>(std::move(params), *o.lr, o.momentum.value_or(0),
                                        o.dampening.value_or(0), o.weight_decay.value_or(0),
                                        o.nesterov.value_or(false));
    }
    if (o.type == "Adam" || o.type == "AdamW") {
        checkArguments(o, {"betas", "eps", "amsgrad"});
        const double lr = o.lr.value_or(1e-3);
        const auto betas = o.betas.value_or(std::array<double, 2>{0.9, 0.999});
        const double eps = o.eps.value_or(1e-8);
        const bool amsgrad = o.amsgrad.value_or(false);
        if (o.type == "AdamW")
            return std::make_unique<AdamW<T>>(std::move(params), lr, betas, eps,
                                              o.weight_decay.value_or(1e-2), amsgrad);
        return std::make_unique<Adam<T>>(std::move(params), lr, betas, eps,
                                         o.weight_decay.value_or(0), amsgrad);
    }
    if (o.type == "RMSprop") {
        checkArguments(o, {"momentum", "eps", "alpha", "centered"});
        return std::make_unique<RMSprop<T>>(
            std::move(params), o.lr.value_or(1e-2), o.alpha.value_or(0.99), o.eps.value_or(1e-8),
            o.weight_decay.value_or(0), o.momentum.value_or(0), o.centered.value_or(false));
    }
    std::string expected;
    for (const auto& name : optimizerTypeNames())
        expected += (expected.empty() ? "" : ", ") + name;
    throw std::invalid_argument("unknown optimizer '" + o.type + "'; expected one of " + expected);
}

template std::unique_ptr<Optimizer<float>> makeOptimizer<float>(const OptimizerOptions&,
                                                                std::vector<Parameter<float>*>);
template std::unique_ptr<Optimizer<double>> makeOptimizer<double>(const OptimizerOptions&,
                                                                  std::vector<Parameter<double>*>);

}  // namespace linearlab::nn
