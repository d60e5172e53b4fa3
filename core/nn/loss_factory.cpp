#include "core/nn/loss_factory.h"

#include "core/nn/bce_with_logits_loss.h"
#include "core/nn/cross_entropy_loss.h"
#include "core/nn/huber_loss.h"
#include "core/nn/l1_loss.h"
#include "core/nn/mse_loss.h"

#include <stdexcept>

namespace linearlab::nn {

const std::vector<std::string>& lossTypeNames() {
    static const std::vector<std::string> names{"MSELoss", "L1Loss", "HuberLoss",
                                                "CrossEntropyLoss", "BCEWithLogitsLoss"};
    return names;
}

template <typename T>
std::unique_ptr<Loss<T>> makeLoss(const std::string& type, const LossOptions& options) {
    if (type == "HuberLoss")
        return std::make_unique<HuberLoss<T>>(options.delta.value_or(1.0));
    std::unique_ptr<Loss<T>> loss;
    if (type == "MSELoss")
        loss = std::make_unique<MSELoss<T>>();
    else if (type == "L1Loss")
        loss = std::make_unique<L1Loss<T>>();
    else if (type == "CrossEntropyLoss")
        loss = std::make_unique<CrossEntropyLoss<T>>();
    else if (type == "BCEWithLogitsLoss")
        loss = std::make_unique<BCEWithLogitsLoss<T>>();
    if (!loss) {
        std::string expected;
        for (const auto& name : lossTypeNames())
            expected += (expected.empty() ? "" : ", ") + name;
        throw std::invalid_argument("unknown loss '" + type + "'; expected one of " + expected);
    }
    // PyTorch would raise a TypeError; silently dropping it would hide a typo'd design.
    if (options.delta)
        throw std::invalid_argument(type +
                                    ".__init__() got an unexpected keyword argument 'delta'");
    return loss;
}

template std::unique_ptr<Loss<float>> makeLoss<float>(const std::string&, const LossOptions&);
template std::unique_ptr<Loss<double>> makeLoss<double>(const std::string&, const LossOptions&);

}  // namespace linearlab::nn
