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
    auto value = [&](LossKeyword k) {
        return keywordValue(options, k).value_or(info->argument(k)->defaultValue);
    };
    if (type == "MSELoss")
        return std::make_unique<MSELoss<T>>();
    if (type == "L1Loss")
        return std::make_unique<L1Loss<T>>();
    if (type == "HuberLoss")
        return std::make_unique<HuberLoss<T>>(value(LossKeyword::delta));
    if (type == "CrossEntropyLoss")
        return std::make_unique<CrossEntropyLoss<T>>();
    if (type == "BCEWithLogitsLoss")
        return std::make_unique<BCEWithLogitsLoss<T>>();
    throw std::logic_error("loss '" + type + "' is in the table but has no constructor");
}

template std::unique_ptr<Loss<float>> makeLoss<float>(const std::string&, const LossOptions&);
template std::unique_ptr<Loss<double>> makeLoss<double>(const std::string&, const LossOptions&);

}  // namespace linearlab::nn
