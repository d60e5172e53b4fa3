#include "core/nn/optimizer_table.h"

#include <stdexcept>
#include <type_traits>

namespace linearlab::nn {

namespace {

using K = OptimizerKeyword;

// setKeywordValue checks a value's kind by its alternative's index.
static_assert(std::is_same_v<std::variant_alternative_t<0, OptimizerValue>, double> &&
              static_cast<int>(OptimizerValueKind::Number) == 0);
static_assert(std::is_same_v<std::variant_alternative_t<1, OptimizerValue>, bool> &&
              static_cast<int>(OptimizerValueKind::Flag) == 1);
static_assert(
    std::is_same_v<std::variant_alternative_t<2, OptimizerValue>, std::array<double, 2>> &&
    static_cast<int>(OptimizerValueKind::Pair) == 2);

/// The betas every Adam variant starts from.
constexpr std::array<double, 2> kAdamBetas{0.9, 0.999};

}  // namespace

const OptimizerArgument* OptimizerInfo::argument(OptimizerKeyword keyword) const {
    for (const OptimizerArgument& a : arguments)
        if (a.keyword == keyword)
            return &a;
    return nullptr;
}

const std::vector<OptimizerInfo>& optimizerTable() {
    // torch 1.13's signatures, without the switches that choose an implementation
    // (foreach, capturable, differentiable, fused): LinearLab is the single-tensor CPU
    // step, torch's default there. maximize is where 1.13 has it: not NAdam, not RAdam.
    static const std::vector<OptimizerInfo> table{
        // SGD(params, lr=required, momentum=0, dampening=0, weight_decay=0, nesterov=False).
        // lr has no PyTorch default; 0.01 is LinearLab's, which a design file without lr
        // gets and the settings panel shows.
        {"SGD",
         {{K::lr, 0.01, true},
          {K::momentum, 0.0},
          {K::dampening, 0.0},
          {K::weight_decay, 0.0},
          {K::nesterov, false},
          {K::maximize, false}}},
        // Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False,
        //      *, maximize=False).
        {"Adam",
         {{K::lr, 1e-3},
          {K::betas, kAdamBetas},
          {K::eps, 1e-8},
          {K::weight_decay, 0.0},
          {K::amsgrad, false},
          {K::maximize, false}}},
        // AdamW: Adam's signature, but weight_decay=1e-2.
        {"AdamW",
         {{K::lr, 1e-3},
          {K::betas, kAdamBetas},
          {K::eps, 1e-8},
          {K::weight_decay, 1e-2},
          {K::amsgrad, false},
          {K::maximize, false}}},
        // RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0,
        //         centered=False, maximize=False).
        {"RMSprop",
         {{K::lr, 1e-2},
          {K::alpha, 0.99},
          {K::eps, 1e-8},
          {K::weight_decay, 0.0},
          {K::momentum, 0.0},
          {K::centered, false},
          {K::maximize, false}}},
        // Adagrad(params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0,
        //         eps=1e-10, *, maximize=False).
        {"Adagrad",
         {{K::lr, 1e-2},
          {K::lr_decay, 0.0},
          {K::weight_decay, 0.0},
          {K::initial_accumulator_value, 0.0},
          {K::eps, 1e-10},
          {K::maximize, false}}},
        // Adamax(params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, *,
        //        maximize=False).
        {"Adamax",
         {{K::lr, 2e-3},
          {K::betas, kAdamBetas},
          {K::eps, 1e-8},
          {K::weight_decay, 0.0},
          {K::maximize, false}}},
        // NAdam(params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
        //       momentum_decay=4e-3).
        {"NAdam",
         {{K::lr, 2e-3},
          {K::betas, kAdamBetas},
          {K::eps, 1e-8},
          {K::weight_decay, 0.0},
          {K::momentum_decay, 4e-3}}},
        // RAdam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0).
        {"RAdam", {{K::lr, 1e-3}, {K::betas, kAdamBetas}, {K::eps, 1e-8}, {K::weight_decay, 0.0}}},
    };
    return table;
}

const OptimizerInfo* findOptimizer(const std::string& name) {
    for (const OptimizerInfo& info : optimizerTable())
        if (info.name == name)
            return &info;
    return nullptr;
}

const std::vector<std::string>& optimizerTypeNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const OptimizerInfo& info : optimizerTable())
            v.push_back(info.name);
        return v;
    }();
    return names;
}

const std::vector<OptimizerKeyword>& optimizerKeywords() {
    static const std::vector<OptimizerKeyword> all{
        K::lr,
        K::momentum,
        K::dampening,
        K::weight_decay,
        K::nesterov,
        K::betas,
        K::eps,
        K::amsgrad,
        K::alpha,
        K::centered,
        K::lr_decay,
        K::initial_accumulator_value,
        K::momentum_decay,
        K::maximize,
    };
    return all;
}

const char* keywordName(OptimizerKeyword keyword) {
    switch (keyword) {
        case K::lr:
            return "lr";
        case K::momentum:
            return "momentum";
        case K::dampening:
            return "dampening";
        case K::weight_decay:
            return "weight_decay";
        case K::nesterov:
            return "nesterov";
        case K::betas:
            return "betas";
        case K::eps:
            return "eps";
        case K::amsgrad:
            return "amsgrad";
        case K::alpha:
            return "alpha";
        case K::centered:
            return "centered";
        case K::lr_decay:
            return "lr_decay";
        case K::initial_accumulator_value:
            return "initial_accumulator_value";
        case K::momentum_decay:
            return "momentum_decay";
        case K::maximize:
            return "maximize";
    }
    return "";
}

OptimizerValueKind keywordKind(OptimizerKeyword keyword) {
    switch (keyword) {
        case K::nesterov:
        case K::amsgrad:
        case K::centered:
        case K::maximize:
            return OptimizerValueKind::Flag;
        case K::betas:
            return OptimizerValueKind::Pair;
        default:
            return OptimizerValueKind::Number;
    }
}

namespace {

/// The field holding a Number keyword; nullptr for the other kinds.
template <typename Options>
auto numberField(Options& o, OptimizerKeyword keyword) -> decltype(&o.lr) {
    switch (keyword) {
        case K::lr:
            return &o.lr;
        case K::momentum:
            return &o.momentum;
        case K::dampening:
            return &o.dampening;
        case K::weight_decay:
            return &o.weight_decay;
        case K::eps:
            return &o.eps;
        case K::alpha:
            return &o.alpha;
        case K::lr_decay:
            return &o.lr_decay;
        case K::initial_accumulator_value:
            return &o.initial_accumulator_value;
        case K::momentum_decay:
            return &o.momentum_decay;
        default:
            return nullptr;
    }
}

/// The field holding a Flag keyword; nullptr for the other kinds.
template <typename Options>
auto flagField(Options& o, OptimizerKeyword keyword) -> decltype(&o.nesterov) {
    switch (keyword) {
        case K::nesterov:
            return &o.nesterov;
        case K::amsgrad:
            return &o.amsgrad;
        case K::centered:
            return &o.centered;
        case K::maximize:
            return &o.maximize;
        default:
            return nullptr;
    }
}

}  // namespace

std::optional<OptimizerValue> keywordValue(const OptimizerOptions& options,
                                           OptimizerKeyword keyword) {
    if (const auto* number = numberField(options, keyword))
        return *number ? std::optional<OptimizerValue>(**number) : std::nullopt;
    if (const auto* flag = flagField(options, keyword))
        return *flag ? std::optional<OptimizerValue>(**flag) : std::nullopt;
    return options.betas ? std::optional<OptimizerValue>(*options.betas) : std::nullopt;
}

std::optional<OptimizerValue> keywordValueOrDefault(const OptimizerOptions& options,
                                                    OptimizerKeyword keyword) {
    if (auto value = keywordValue(options, keyword))
        return value;
    if (const OptimizerInfo* info = findOptimizer(options.type))
        if (const OptimizerArgument* a = info->argument(keyword))
            return a->defaultValue;
    return std::nullopt;
}

Index optimizerStateTensors(const OptimizerOptions& options) {
    auto number = [&](OptimizerKeyword k) {
        const auto v = keywordValueOrDefault(options, k);
        return v ? std::get<double>(*v) : 0.0;
    };
    auto flag = [&](OptimizerKeyword k) {
        const auto v = keywordValueOrDefault(options, k);
        return v && std::get<bool>(*v);
    };
    if (options.type == "SGD")
        return number(K::momentum) != 0 ? 1 : 0;
    if (options.type == "Adam" || options.type == "AdamW")
        return 2 + (flag(K::amsgrad) ? 1 : 0);
    if (options.type == "RMSprop")
        return 1 + (number(K::momentum) > 0 ? 1 : 0) + (flag(K::centered) ? 1 : 0);
    if (options.type == "Adagrad")
        return 1;
    if (options.type == "Adamax" || options.type == "NAdam" || options.type == "RAdam")
        return 2;
    return 0;
}

void setKeywordValue(OptimizerOptions& options, OptimizerKeyword keyword,
                     const std::optional<OptimizerValue>& value) {
    const OptimizerValueKind kind = keywordKind(keyword);
    if (value && static_cast<int>(value->index()) != static_cast<int>(kind))
        throw std::invalid_argument(std::string("wrong kind of value for ") + keywordName(keyword));
    if (auto* number = numberField(options, keyword))
        *number = value ? std::optional<double>(std::get<double>(*value)) : std::nullopt;
    else if (auto* flag = flagField(options, keyword))
        *flag = value ? std::optional<bool>(std::get<bool>(*value)) : std::nullopt;
    else
        options.betas =
            value ? std::optional<std::array<double, 2>>(std::get<std::array<double, 2>>(*value))
                  : std::nullopt;
}

}  // namespace linearlab::nn
