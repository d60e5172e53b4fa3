#include "core/nn/loss_table.h"

#include "core/nn/loss.h"
#include "core/nn/python_format.h"

#include <stdexcept>

namespace linearlab::nn {

const LossArgument* LossInfo::argument(LossKeyword keyword) const {
    for (const LossArgument& a : arguments)
        if (a.keyword == keyword)
            return &a;
    return nullptr;
}

const std::vector<LossInfo>& lossTable() {
    using K = LossKeyword;
    const LossArgument reduction{K::reduction, std::string("mean")};
    static const std::vector<LossInfo> table{
        // MSELoss(size_average=None, reduce=None, reduction='mean'); the two legacy
        // keywords are left out, as torch deprecates them.
        {"MSELoss", {reduction}},
        {"L1Loss", {reduction}},
        {"HuberLoss", {reduction, {K::delta, 1.0}}},
        // CrossEntropyLoss(weight=None, size_average=None, ignore_index=-100, reduce=None,
        // reduction='mean', label_smoothing=0.0)
        {"CrossEntropyLoss",
         {{K::weight, std::nullopt},
          {K::ignore_index, -100LL},
          reduction,
          {K::label_smoothing, 0.0}},
         true},
        // BCEWithLogitsLoss(weight=None, size_average=None, reduce=None, reduction='mean',
        // pos_weight=None); its targets are probabilities shaped like the output.
        {"BCEWithLogitsLoss",
         {{K::weight, std::nullopt}, reduction, {K::pos_weight, std::nullopt}}},
    };
    return table;
}

const LossInfo* findLoss(const std::string& name) {
    for (const LossInfo& info : lossTable())
        if (info.name == name)
            return &info;
    return nullptr;
}

const std::vector<std::string>& lossTypeNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const LossInfo& info : lossTable())
            v.push_back(info.name);
        return v;
    }();
    return names;
}

const std::vector<LossKeyword>& lossKeywords() {
    using K = LossKeyword;
    static const std::vector<LossKeyword> all{K::reduction,       K::weight,     K::ignore_index,
                                              K::label_smoothing, K::pos_weight, K::delta};
    return all;
}

const char* keywordName(LossKeyword keyword) {
    switch (keyword) {
        case LossKeyword::reduction:
            return "reduction";
        case LossKeyword::weight:
            return "weight";
        case LossKeyword::ignore_index:
            return "ignore_index";
        case LossKeyword::label_smoothing:
            return "label_smoothing";
        case LossKeyword::pos_weight:
            return "pos_weight";
        case LossKeyword::delta:
            return "delta";
    }
    return "";
}

LossValueKind keywordKind(LossKeyword keyword) {
    switch (keyword) {
        case LossKeyword::reduction:
            return LossValueKind::Choice;
        case LossKeyword::ignore_index:
            return LossValueKind::Integer;
        case LossKeyword::weight:
        case LossKeyword::pos_weight:
            return LossValueKind::Numbers;
        case LossKeyword::label_smoothing:
        case LossKeyword::delta:
            return LossValueKind::Number;
    }
    return LossValueKind::Number;
}

const std::vector<std::string>& reductionChoices() {
    static const std::vector<std::string> choices{"mean", "sum", "none"};
    return choices;
}

namespace {

template <typename V>
std::optional<LossValue> wrap(const std::optional<V>& field) {
    if (!field)
        return std::nullopt;
    return LossValue(*field);
}

template <typename V>
void assign(std::optional<V>& field, const std::optional<LossValue>& value, LossKeyword keyword) {
    if (!value) {
        field.reset();
        return;
    }
    const V* v = std::get_if<V>(&*value);
    if (!v)
        throw std::logic_error(std::string("wrong kind of value for ") + keywordName(keyword));
    field = *v;
}

}  // namespace

std::optional<LossValue> keywordValue(const LossOptions& o, LossKeyword keyword) {
    switch (keyword) {
        case LossKeyword::reduction:
            return wrap(o.reduction);
        case LossKeyword::weight:
            return wrap(o.weight);
        case LossKeyword::ignore_index:
            return wrap(o.ignore_index);
        case LossKeyword::label_smoothing:
            return wrap(o.label_smoothing);
        case LossKeyword::pos_weight:
            return wrap(o.pos_weight);
        case LossKeyword::delta:
            return wrap(o.delta);
    }
    return std::nullopt;
}

void setKeywordValue(LossOptions& o, LossKeyword keyword, const std::optional<LossValue>& value) {
    switch (keyword) {
        case LossKeyword::reduction:
            return assign(o.reduction, value, keyword);
        case LossKeyword::weight:
            return assign(o.weight, value, keyword);
        case LossKeyword::ignore_index:
            return assign(o.ignore_index, value, keyword);
        case LossKeyword::label_smoothing:
            return assign(o.label_smoothing, value, keyword);
        case LossKeyword::pos_weight:
            return assign(o.pos_weight, value, keyword);
        case LossKeyword::delta:
            return assign(o.delta, value, keyword);
    }
}

std::optional<LossValue> keywordValueOrDefault(const std::string& loss, const LossOptions& options,
                                               LossKeyword keyword) {
    if (auto value = keywordValue(options, keyword))
        return value;
    if (const LossInfo* info = findLoss(loss))
        if (const LossArgument* a = info->argument(keyword))
            return a->defaultValue;
    return std::nullopt;
}

std::string reductionOf(const LossOptions& options) {
    return options.reduction.value_or("mean");
}

std::string lossValueProblem(LossKeyword keyword, const LossValue& value) {
    switch (keyword) {
        case LossKeyword::reduction: {
            const std::string& name = std::get<std::string>(value);
            for (const std::string& choice : reductionChoices())
                if (name == choice)
                    return {};
            // torch.nn._reduction.get_enum's ValueError
            return name + " is not a valid value for reduction";
        }
        case LossKeyword::label_smoothing: {
            // torch checks only the upper end; a negative value means no smoothing.
            const double v = std::get<double>(value);
            if (v > 1.0)
                return "label_smoothing must be between 0.0 and 1.0. Got: " + lossNumberText(v);
            return {};
        }
        case LossKeyword::delta:
            if (!(std::get<double>(value) > 0))
                return "huber_loss does not support non-positive values for delta.";
            return {};
        case LossKeyword::weight:
        case LossKeyword::ignore_index:
        case LossKeyword::pos_weight:
            return {};
    }
    return {};
}

namespace {

std::string numberList(const std::vector<double>& values) {
    std::string s = "[";
    for (size_t i = 0; i < values.size(); ++i)
        s += (i ? ", " : "") + pythonFloat(values[i]);
    return s + "]";
}

}  // namespace

std::string pythonLossValue(const LossValue& value) {
    if (const auto* s = std::get_if<std::string>(&value))
        return "'" + *s + "'";
    if (const auto* list = std::get_if<std::vector<double>>(&value))
        return "torch.tensor(" + numberList(*list) + ")";
    return lossValueText(value);
}

std::string lossValueText(const LossValue& value) {
    if (const auto* s = std::get_if<std::string>(&value))
        return *s;
    if (const auto* i = std::get_if<long long>(&value))
        return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value))
        return pythonFloat(*d);
    return numberList(std::get<std::vector<double>>(value));
}

}  // namespace linearlab::nn
