#include "core/nn/loss_factory.h"

#include "core/nn/bce_with_logits_loss.h"
#include "core/nn/cross_entropy_loss.h"
#include "core/nn/huber_loss.h"
#include "core/nn/l1_loss.h"
#include "core/nn/mse_loss.h"

#include <stdexcept>

namespace linearlab::nn {

template <typename T>
std::unique_ptr<Loss<T>> makeLoss(const std::string& type, const LossOptions& options) {
    const LossInfo* info = findLoss(type);
    if (!info) {
        std::string expected;
        for (const auto& name : lossTypeNames())
            expected += (expected.empty() ? "" : ", ") + name;
        throw std::invalid_argument("unknown loss '" + type + "'; expected one of " + expected);
    }
    // PyTorch would raise a TypeError; silently dropping it would hide a typo'd design.
    for (LossKeyword k : lossKeywords())
        if (keywordValue(options, k) && !info->takes(k))
            throw std::invalid_argument(type + ".__init__() got an unexpected keyword argument '" +
                                        keywordName(k) + "'");
    for (LossKeyword k : lossKeywords())
        if (const auto v = keywordValue(options, k))
            if (const std::string problem = lossValueProblem(k, *v); !problem.empty())
                throw std::invalid_argument(problem);
    // Every value, given or defaulted, comes from the table.
    const auto value = [&](LossKeyword k) { return *keywordValueOrDefault(type, options, k); };
    const Reduction reduction =
        reductionFromName(std::get<std::string>(value(LossKeyword::reduction)));
    const auto list = [](const std::optional<std::vector<double>>& v) {
        return v.value_or(std::vector<double>{});
    };
    if (type == "MSELoss")
        return std::make_unique<MSELoss<T>>(reduction);
    if (type == "L1Loss")
        return std::make_unique<L1Loss<T>>(reduction);
    if (type == "HuberLoss")
        return std::make_unique<HuberLoss<T>>(std::get<double>(value(LossKeyword::delta)),
                                              reduction);
    if (type == "CrossEntropyLoss") {
        CrossEntropyOptions o;
        o.weight = list(options.weight);
        o.ignore_index = std::get<long long>(value(LossKeyword::ignore_index));
        o.label_smoothing = std::get<double>(value(LossKeyword::label_smoothing));
        o.reduction = reduction;
        return std::make_unique<CrossEntropyLoss<T>>(o);
    }
    if (type == "BCEWithLogitsLoss")
        return std::make_unique<BCEWithLogitsLoss<T>>(list(options.weight),
                                                      list(options.pos_weight), reduction);
    throw std::logic_error("loss '" + type + "' is in the table but has no constructor");
}

template std::unique_ptr<Loss<float>> makeLoss<float>(const std::string&, const LossOptions&);
template std::unique_ptr<Loss<double>> makeLoss<double>(const std::string&, const LossOptions&);

}  // namespace linearlab::nn
