#include "core/nn/loss_table.h"

namespace linearlab::nn {

const LossArgument* LossInfo::argument(LossKeyword keyword) const {
    for (const LossArgument& a : arguments)
        if (a.keyword == keyword)
            return &a;
    return nullptr;
}

const std::vector<LossInfo>& lossTable() {
    static const std::vector<LossInfo> table{
        {"MSELoss", {}},
        {"L1Loss", {}},
        {"HuberLoss", {{LossKeyword::delta, 1.0}}},  // HuberLoss(reduction='mean', delta=1.0)
        {"CrossEntropyLoss", {}, true},
        // Its targets are probabilities shaped like the output, not class indices.
        {"BCEWithLogitsLoss", {}},
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
    static const std::vector<LossKeyword> all{LossKeyword::delta};
    return all;
}

const char* keywordName(LossKeyword keyword) {
    switch (keyword) {
        case LossKeyword::delta:
            return "delta";
    }
    return "";
}

const std::optional<double>& keywordValue(const LossOptions& options, LossKeyword keyword) {
    switch (keyword) {
        case LossKeyword::delta:
            return options.delta;
    }
    return options.delta;  // not reached: the switch names every keyword
}

std::optional<double>& keywordValue(LossOptions& options, LossKeyword keyword) {
    return const_cast<std::optional<double>&>(
        keywordValue(static_cast<const LossOptions&>(options), keyword));
}

std::optional<double> keywordValueOrDefault(const std::string& loss, const LossOptions& options,
                                            LossKeyword keyword) {
    if (const auto& value = keywordValue(options, keyword))
        return value;
    if (const LossInfo* info = findLoss(loss))
        if (const LossArgument* a = info->argument(keyword))
            return a->defaultValue;
    return std::nullopt;
}

}  // namespace linearlab::nn
