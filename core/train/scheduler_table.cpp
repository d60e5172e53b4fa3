#include "core/train/scheduler_table.h"

#include "core/nn/python_format.h"

#include <type_traits>

namespace linearlab::train {

namespace {

using K = SchedulerKeyword;
using S = SchedulerStepping;

// checkScheduler checks a value's kind by its alternative's index.
static_assert(std::is_same_v<std::variant_alternative_t<0, SchedulerValue>, long long> &&
              static_cast<int>(SchedulerValueKind::Integer) == 0);
static_assert(std::is_same_v<std::variant_alternative_t<1, SchedulerValue>, double> &&
              static_cast<int>(SchedulerValueKind::Number) == 1);
static_assert(std::is_same_v<std::variant_alternative_t<2, SchedulerValue>, bool> &&
              static_cast<int>(SchedulerValueKind::Flag) == 2);
static_assert(std::is_same_v<std::variant_alternative_t<3, SchedulerValue>, std::string> &&
              static_cast<int>(SchedulerValueKind::Choice) == 3);
static_assert(
    std::is_same_v<std::variant_alternative_t<4, SchedulerValue>, std::vector<long long>> &&
    static_cast<int>(SchedulerValueKind::IntegerList) == 4);

/// A required argument, and the value the settings panel starts it at.
SchedulerArgument required(K k, SchedulerValue start) {
    return {k, std::nullopt, true, std::move(start)};
}

/// An argument whose default is None.
SchedulerArgument none(K k, std::optional<SchedulerValue> start = std::nullopt) {
    return {k, std::nullopt, false, std::move(start)};
}

SchedulerArgument arg(K k, SchedulerValue v) {
    return {k, std::move(v), false, std::nullopt};
}

const char* kindName(SchedulerValueKind kind) {
    switch (kind) {
        case SchedulerValueKind::Integer:
            return "an integer";
        case SchedulerValueKind::Number:
            return "a number";
        case SchedulerValueKind::Flag:
            return "true or false";
        case SchedulerValueKind::Choice:
            return "a string";
        case SchedulerValueKind::IntegerList:
            return "a list of integers";
    }
    return "";
}

std::string fieldOf(K k) {
    return std::string("scheduler.") + keywordName(k);
}

}  // namespace

SchedulerError::SchedulerError(const std::string& field, const std::string& message)
    : std::invalid_argument(field + ": " + message), m_field(field) {}

const SchedulerArgument* SchedulerInfo::argument(SchedulerKeyword keyword) const {
    for (const SchedulerArgument& a : arguments)
        if (a.keyword == keyword)
            return &a;
    return nullptr;
}

const std::vector<SchedulerInfo>& schedulerTable() {
    // torch 1.13's signatures, without last_epoch and verbose, which a design does
    // not state (a run always starts its schedule at the beginning).
    static const std::vector<SchedulerInfo> table{
        // StepLR(optimizer, step_size, gamma=0.1)
        {"StepLR", S::Epoch, {required(K::step_size, 10LL), arg(K::gamma, 0.1)}},
        // MultiStepLR(optimizer, milestones, gamma=0.1)
        {"MultiStepLR",
         S::Epoch,
         {required(K::milestones, std::vector<long long>{10, 20}), arg(K::gamma, 0.1)}},
        // ExponentialLR(optimizer, gamma)
        {"ExponentialLR", S::Epoch, {required(K::gamma, 0.9)}},
        // CosineAnnealingLR(optimizer, T_max, eta_min=0)
        {"CosineAnnealingLR", S::Epoch, {required(K::T_max, 10LL), arg(K::eta_min, 0.0)}},
        // LinearLR(optimizer, start_factor=1.0 / 3, end_factor=1.0, total_iters=5)
        {"LinearLR",
         S::Epoch,
         {arg(K::start_factor, 1.0 / 3), arg(K::end_factor, 1.0), arg(K::total_iters, 5LL)}},
        // OneCycleLR(optimizer, max_lr, total_steps=None, epochs=None, steps_per_epoch=None,
        //            pct_start=0.3, anneal_strategy='cos', cycle_momentum=True,
        //            base_momentum=0.85, max_momentum=0.95, div_factor=25.,
        //            final_div_factor=1e4, three_phase=False)
        {"OneCycleLR",
         S::Batch,
         {required(K::max_lr, 0.1), none(K::total_steps, 1000LL), none(K::epochs),
          none(K::steps_per_epoch), arg(K::pct_start, 0.3),
          arg(K::anneal_strategy, std::string("cos")), arg(K::cycle_momentum, true),
          arg(K::base_momentum, 0.85), arg(K::max_momentum, 0.95), arg(K::div_factor, 25.0),
          arg(K::final_div_factor, 1e4), arg(K::three_phase, false)}},
        // ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10, threshold=1e-4,
        //                   threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8)
        {"ReduceLROnPlateau",
         S::Metric,
         {arg(K::mode, std::string("min")), arg(K::factor, 0.1), arg(K::patience, 10LL),
          arg(K::threshold, 1e-4), arg(K::threshold_mode, std::string("rel")),
          arg(K::cooldown, 0LL), arg(K::min_lr, 0.0), arg(K::eps, 1e-8)}},
    };
    return table;
}

const SchedulerInfo* findScheduler(const std::string& name) {
    for (const SchedulerInfo& info : schedulerTable())
        if (info.name == name)
            return &info;
    return nullptr;
}

const std::vector<std::string>& schedulerTypeNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const SchedulerInfo& info : schedulerTable())
            v.push_back(info.name);
        return v;
    }();
    return names;
}

const std::vector<SchedulerKeyword>& schedulerKeywords() {
    static const std::vector<SchedulerKeyword> all = [] {
        std::vector<SchedulerKeyword> v;
        for (int k = 0; k <= static_cast<int>(K::eps); ++k)
            v.push_back(static_cast<K>(k));
        return v;
    }();
    return all;
}

const char* keywordName(SchedulerKeyword keyword) {
    switch (keyword) {
        case K::step_size:
            return "step_size";
        case K::milestones:
            return "milestones";
        case K::gamma:
            return "gamma";
        case K::T_max:
            return "T_max";
        case K::eta_min:
            return "eta_min";
        case K::start_factor:
            return "start_factor";
        case K::end_factor:
            return "end_factor";
        case K::total_iters:
            return "total_iters";
        case K::max_lr:
            return "max_lr";
        case K::total_steps:
            return "total_steps";
        case K::epochs:
            return "epochs";
        case K::steps_per_epoch:
            return "steps_per_epoch";
        case K::pct_start:
            return "pct_start";
        case K::anneal_strategy:
            return "anneal_strategy";
        case K::cycle_momentum:
            return "cycle_momentum";
        case K::base_momentum:
            return "base_momentum";
        case K::max_momentum:
            return "max_momentum";
        case K::div_factor:
            return "div_factor";
        case K::final_div_factor:
            return "final_div_factor";
        case K::three_phase:
            return "three_phase";
        case K::mode:
            return "mode";
        case K::factor:
            return "factor";
        case K::patience:
            return "patience";
        case K::threshold:
            return "threshold";
        case K::threshold_mode:
            return "threshold_mode";
        case K::cooldown:
            return "cooldown";
        case K::min_lr:
            return "min_lr";
        case K::eps:
            return "eps";
    }
    return "";
}

std::optional<SchedulerKeyword> findSchedulerKeyword(const std::string& name) {
    for (SchedulerKeyword k : schedulerKeywords())
        if (name == keywordName(k))
            return k;
    return std::nullopt;
}

SchedulerValueKind keywordKind(SchedulerKeyword keyword) {
    switch (keyword) {
        case K::step_size:
        case K::T_max:
        case K::total_iters:
        case K::total_steps:
        case K::epochs:
        case K::steps_per_epoch:
        case K::patience:
        case K::cooldown:
            return SchedulerValueKind::Integer;
        case K::milestones:
            return SchedulerValueKind::IntegerList;
        case K::cycle_momentum:
        case K::three_phase:
            return SchedulerValueKind::Flag;
        case K::anneal_strategy:
        case K::mode:
        case K::threshold_mode:
            return SchedulerValueKind::Choice;
        default:
            return SchedulerValueKind::Number;
    }
}

const std::vector<std::string>& keywordChoices(SchedulerKeyword keyword) {
    static const std::vector<std::string> anneal{"cos", "linear"}, mode{"min", "max"},
        thresholdMode{"rel", "abs"}, noChoices;
    switch (keyword) {
        case K::anneal_strategy:
            return anneal;
        case K::mode:
            return mode;
        case K::threshold_mode:
            return thresholdMode;
        default:
            return noChoices;
    }
}

std::optional<SchedulerValue> keywordValueOrDefault(const SchedulerOptions& options,
                                                    SchedulerKeyword keyword) {
    const SchedulerInfo* info = findScheduler(options.type);
    const SchedulerArgument* a = info ? info->argument(keyword) : nullptr;
    if (!a)
        return std::nullopt;
    const auto it = options.keywords.find(keyword);
    return it != options.keywords.end() ? std::optional<SchedulerValue>(it->second)
                                        : a->defaultValue;
}

SchedulerOptions startingScheduler(const std::string& type) {
    SchedulerOptions o;
    o.type = type;
    if (const SchedulerInfo* info = findScheduler(type))
        for (const SchedulerArgument& a : info->arguments)
            if (a.startValue)
                o.keywords[a.keyword] = *a.startValue;
    return o;
}

std::string pythonValue(const SchedulerValue& value) {
    if (const auto* i = std::get_if<long long>(&value))
        return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value))
        return nn::pythonFloat(*d);
    if (const auto* b = std::get_if<bool>(&value))
        return nn::pythonBool(*b);
    if (const auto* s = std::get_if<std::string>(&value))
        return "'" + *s + "'";
    std::string list;
    for (long long m : std::get<std::vector<long long>>(value))
        list += (list.empty() ? "" : ", ") + std::to_string(m);
    return "[" + list + "]";
}

void checkScheduler(const SchedulerOptions& options) {
    if (!options.enabled())
        return;
    const SchedulerInfo* info = findScheduler(options.type);
    if (!info) {
        std::string expected;
        for (const auto& name : schedulerTypeNames())
            expected += (expected.empty() ? "" : ", ") + name;
        throw SchedulerError("scheduler.type",
                             "unknown value \"" + options.type + "\"; expected one of " + expected);
    }
    for (const auto& [k, value] : options.keywords) {
        if (!info->takes(k))
            throw SchedulerError(fieldOf(k),
                                 info->name + ".__init__() got an unexpected keyword argument '" +
                                     keywordName(k) + "'");
        const SchedulerValueKind kind = keywordKind(k);
        if (static_cast<int>(value.index()) != static_cast<int>(kind))
            throw SchedulerError(fieldOf(k), std::string("expected ") + kindName(kind));
    }
    for (const SchedulerArgument& a : info->arguments)
        if (a.required && !options.keywords.count(a.keyword))
            throw SchedulerError("scheduler", info->name +
                                                  ".__init__() missing 1 required positional "
                                                  "argument: '" +
                                                  keywordName(a.keyword) + "'");

    auto given = [&](K k) { return options.keywords.count(k) > 0; };
    auto integer = [&](K k) { return std::get<long long>(*keywordValueOrDefault(options, k)); };
    auto number = [&](K k) { return std::get<double>(*keywordValueOrDefault(options, k)); };
    auto choice = [&](K k) { return std::get<std::string>(*keywordValueOrDefault(options, k)); };
    // Ranges PyTorch leaves to a ZeroDivisionError or a negative learning rate later.
    auto atLeast = [&](K k, long long minimum) {
        if (given(k) && integer(k) < minimum)
            throw SchedulerError(fieldOf(k), std::string("expected a ") +
                                                 (minimum == 1 ? "positive" : "non-negative") +
                                                 " integer, got " + std::to_string(integer(k)));
    };
    auto nonNegative = [&](K k) {
        if (given(k) && !(number(k) >= 0))
            throw SchedulerError(
                fieldOf(k), "expected a non-negative number, got " + nn::pythonFloat(number(k)));
    };
    auto positive = [&](K k) {
        if (given(k) && !(number(k) > 0))
            throw SchedulerError(fieldOf(k),
                                 "expected a positive number, got " + nn::pythonFloat(number(k)));
    };
    for (K k : {K::step_size, K::T_max})
        atLeast(k, 1);
    for (K k : {K::total_iters, K::patience, K::cooldown})
        atLeast(k, 0);
    for (K k : {K::gamma, K::eta_min, K::max_lr, K::min_lr})
        nonNegative(k);
    for (K k : {K::div_factor, K::final_div_factor})
        positive(k);
    if (given(K::milestones))
        for (long long m : std::get<std::vector<long long>>(options.keywords.at(K::milestones)))
            if (m < 0)
                throw SchedulerError(fieldOf(K::milestones),
                                     "expected a list of non-negative integers, got " +
                                         pythonValue(options.keywords.at(K::milestones)));

    // Then the checks torch 1.13's constructors make, in their words.
    if (info->name == "LinearLR") {
        const double start = number(K::start_factor), end = number(K::end_factor);
        if (start > 1.0 || start < 0)
            throw SchedulerError(fieldOf(K::start_factor),
                                 "Starting multiplicative factor expected to be between 0 and 1.");
        if (end > 1.0 || end < 0)
            throw SchedulerError(fieldOf(K::end_factor),
                                 "Ending multiplicative factor expected to be between 0 and 1.");
    }
    if (info->name == "OneCycleLR") {
        if (!given(K::total_steps) && !given(K::epochs) && !given(K::steps_per_epoch))
            throw SchedulerError("scheduler",
                                 "You must define either total_steps OR (epochs AND "
                                 "steps_per_epoch)");
        const std::vector<K> counts = given(K::total_steps)
                                          ? std::vector<K>{K::total_steps}
                                          : std::vector<K>{K::epochs, K::steps_per_epoch};
        for (K k : counts) {
            if (!given(k))
                throw SchedulerError(fieldOf(k), std::string("Expected positive integer ") +
                                                     keywordName(k) + ", but got None");
            if (integer(k) <= 0)
                throw SchedulerError(fieldOf(k), std::string("Expected positive integer ") +
                                                     keywordName(k) + ", but got " +
                                                     std::to_string(integer(k)));
        }
        const double pct = number(K::pct_start);
        if (!(pct >= 0 && pct <= 1))
            throw SchedulerError(
                fieldOf(K::pct_start),
                "Expected float between 0 and 1 pct_start, but got " + nn::pythonFloat(pct));
        const std::string anneal = choice(K::anneal_strategy);
        if (anneal != "cos" && anneal != "linear")
            throw SchedulerError(
                fieldOf(K::anneal_strategy),
                "anneal_strategy must by one of 'cos' or 'linear', instead got " + anneal);
    }
    if (info->name == "ReduceLROnPlateau") {
        if (number(K::factor) >= 1.0)
            throw SchedulerError(fieldOf(K::factor), "Factor should be < 1.0.");
        const std::string mode = choice(K::mode), thresholdMode = choice(K::threshold_mode);
        if (mode != "min" && mode != "max")
            throw SchedulerError(fieldOf(K::mode), "mode " + mode + " is unknown!");
        if (thresholdMode != "rel" && thresholdMode != "abs")
            throw SchedulerError(fieldOf(K::threshold_mode),
                                 "threshold mode " + thresholdMode + " is unknown!");
    }
}

}  // namespace linearlab::train
