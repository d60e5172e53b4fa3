#pragma once
// What torch.nn's losses take: per loss, its PyTorch name, the keyword arguments
// LinearLab models with PyTorch 1.13's defaults, and whether its targets are
// class indices. makeLoss checks options against it, the design file reads and
// writes the keywords it lists, the code export spells them, and the settings
// panel lists the losses in its order and shows their keywords.
#include "core/nn/loss_options.h"

#include <string>
#include <vector>

namespace linearlab::nn {

/// Every keyword a LossOptions field holds, in field order.
enum class LossKeyword { delta };

/// One keyword argument of a loss's __init__.
struct LossArgument {
    LossKeyword keyword;
    double defaultValue;  ///< PyTorch 1.13's
};

/// One torch.nn loss.
struct LossInfo {
    std::string name;                     ///< "HuberLoss", as torch.nn spells it
    std::vector<LossArgument> arguments;  ///< beyond reduction='mean', which every loss has
    /// The target is (N, 1) class indices rather than values shaped like the output.
    bool takesClassIndices = false;

    bool takes(LossKeyword keyword) const { return argument(keyword) != nullptr; }
    /// The argument for `keyword`, or nullptr if this loss does not take it.
    const LossArgument* argument(LossKeyword keyword) const;
};

/// MSELoss, L1Loss, HuberLoss, CrossEntropyLoss, BCEWithLogitsLoss, in GUI order.
const std::vector<LossInfo>& lossTable();

/// The table's entry named `name`, or nullptr for a name it does not hold.
const LossInfo* findLoss(const std::string& name);

/// The table's names, in its order.
const std::vector<std::string>& lossTypeNames();

/// Every LossKeyword, in order.
const std::vector<LossKeyword>& lossKeywords();

/// The keyword as torch.nn spells it: "delta".
const char* keywordName(LossKeyword keyword);

/// The field of `options` that holds `keyword`.
const std::optional<double>& keywordValue(const LossOptions& options, LossKeyword keyword);
std::optional<double>& keywordValue(LossOptions& options, LossKeyword keyword);

/// The value `options` gives `keyword`, else the default of `loss`; nullopt for a
/// keyword that loss does not take and `options` omits.
std::optional<double> keywordValueOrDefault(const std::string& loss, const LossOptions& options,
                                            LossKeyword keyword);

}  // namespace linearlab::nn
