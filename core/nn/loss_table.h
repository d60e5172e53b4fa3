#pragma once
// What torch.nn's losses take: per loss, its PyTorch name, the keyword arguments
// LinearLab models with PyTorch 1.13's defaults, and whether its targets are
// class indices. makeLoss checks options against it, the design file reads and
// writes the keywords it lists, the code export spells them, and the settings
// panel lists the losses in its order and shows their keywords.
#include "core/nn/loss_options.h"

#include <string>
#include <variant>
#include <vector>

namespace linearlab::nn {

/// Every keyword a LossOptions field holds, in field order.
enum class LossKeyword { reduction, weight, ignore_index, label_smoothing, pos_weight, delta };

/// What a keyword's value is: one of a few strings (reduction), an int
/// (ignore_index), a float, or a list of floats (a 1-D tensor: weight, pos_weight).
enum class LossValueKind { Choice, Integer, Number, Numbers };

/// One keyword's value: the alternative at index keywordKind(keyword).
using LossValue = std::variant<std::string, long long, double, std::vector<double>>;

/// One keyword argument of a loss's __init__.
struct LossArgument {
    LossKeyword keyword;
    /// PyTorch 1.13's default; nullopt for None (weight, pos_weight).
    std::optional<LossValue> defaultValue;
};

/// One torch.nn loss.
struct LossInfo {
    std::string name;                     ///< "HuberLoss", as torch.nn spells it
    std::vector<LossArgument> arguments;  ///< in the order its signature lists them
    /// The target may be class indices rather than values shaped like the output.
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

/// The keyword as torch.nn spells it: "label_smoothing".
const char* keywordName(LossKeyword keyword);

/// What `keyword` holds.
LossValueKind keywordKind(LossKeyword keyword);

/// torch's reductions, in the order _Reduction.get_enum numbers them: none is
/// last here because training takes only the first two.
const std::vector<std::string>& reductionChoices();

/// The value `options` gives `keyword`; nullopt when it is omitted.
std::optional<LossValue> keywordValue(const LossOptions& options, LossKeyword keyword);

/// Sets (or, with nullopt, omits) the field that holds `keyword`. Throws
/// std::logic_error when the value's alternative does not match the keyword's kind.
void setKeywordValue(LossOptions& options, LossKeyword keyword,
                     const std::optional<LossValue>& value);

/// The value `options` gives `keyword`, else the default of `loss`; nullopt for a
/// keyword that loss does not take (or whose default is None) and `options` omits.
std::optional<LossValue> keywordValueOrDefault(const std::string& loss, const LossOptions& options,
                                               LossKeyword keyword);

/// The reduction `options` gives, else 'mean'.
std::string reductionOf(const LossOptions& options);

/// What torch says of a value it refuses, e.g. "label_smoothing must be between 0.0
/// and 1.0. Got: 1.5"; empty for a value it accepts. Values that depend on the
/// output (a weight per class) are checked when the loss meets one.
std::string lossValueProblem(LossKeyword keyword, const LossValue& value);

/// Python's spelling of a value as the loss's constructor takes it: 'sum', -100,
/// 0.1, torch.tensor([1.0, 2.0]).
std::string pythonLossValue(const LossValue& value);

/// A value in a design's words, for messages and the settings panel: sum, -100,
/// 0.1, [1.0, 2.0].
std::string lossValueText(const LossValue& value);

}  // namespace linearlab::nn
