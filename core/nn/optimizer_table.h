#pragma once
// What torch.optim's optimizers take: per type, its PyTorch name and the keyword
// arguments of its signature with PyTorch 1.13's defaults. makeOptimizer checks
// and fills options from it, the design file reads and writes the keywords it
// lists, the code export spells them, and the settings panel shows a row per
// keyword the chosen type takes, filled with these defaults.
#include "core/nn/optimizer_options.h"
#include "core/nn/tensor.h"

#include <array>
#include <string>
#include <variant>
#include <vector>

namespace linearlab::nn {

/// Every keyword an OptimizerOptions field holds, in its field order (which is
/// also the order the design file and the code export write them in).
enum class OptimizerKeyword {
    lr,
    momentum,
    dampening,
    weight_decay,
    nesterov,
    betas,
    eps,
    amsgrad,
    alpha,
    centered,
    lr_decay,
    initial_accumulator_value,
    momentum_decay,
    maximize
};

/// What a keyword's value is: a float, a bool, or a pair of floats (betas).
enum class OptimizerValueKind { Number, Flag, Pair };

/// One keyword's value: the alternative at index keywordKind(keyword).
using OptimizerValue = std::variant<double, bool, std::array<double, 2>>;

/// One keyword argument of an optimizer's __init__.
struct OptimizerArgument {
    OptimizerKeyword keyword;
    /// PyTorch 1.13's default; for a required argument, the value LinearLab gives a
    /// design that leaves it out.
    OptimizerValue defaultValue;
    /// PyTorch has no default: makeOptimizer refuses options without it.
    bool required = false;
};

/// One torch.optim class.
struct OptimizerInfo {
    std::string name;                          ///< "SGD", as torch.optim spells it
    std::vector<OptimizerArgument> arguments;  ///< in the order its signature lists them

    bool takes(OptimizerKeyword keyword) const { return argument(keyword) != nullptr; }
    /// The argument for `keyword`, or nullptr if this optimizer does not take it.
    const OptimizerArgument* argument(OptimizerKeyword keyword) const;
};

/// SGD, Adam, AdamW, RMSprop, Adagrad, Adamax, NAdam, RAdam, in the order the GUI lists them.
const std::vector<OptimizerInfo>& optimizerTable();

/// The table's entry named `name`, or nullptr for a name it does not hold.
const OptimizerInfo* findOptimizer(const std::string& name);

/// The table's names, in its order.
const std::vector<std::string>& optimizerTypeNames();

/// Every OptimizerKeyword, in order.
const std::vector<OptimizerKeyword>& optimizerKeywords();

/// The keyword as torch.optim spells it: "weight_decay".
const char* keywordName(OptimizerKeyword keyword);

/// Whether `keyword` holds a number, a flag or a pair.
OptimizerValueKind keywordKind(OptimizerKeyword keyword);

/// The field of `options` that holds `keyword`; nullopt when it is omitted.
std::optional<OptimizerValue> keywordValue(const OptimizerOptions& options,
                                           OptimizerKeyword keyword);

/// The value `options` gives `keyword`, else its type's default (for SGD's lr,
/// LinearLab's); nullopt for a keyword the type does not take and `options` omits.
std::optional<OptimizerValue> keywordValueOrDefault(const OptimizerOptions& options,
                                                    OptimizerKeyword keyword);

/// How many tensors of each parameter's size the optimizer keeps as state, as
/// torch 1.13's single-tensor step() allocates them: SGD a momentum buffer when
/// momentum != 0; Adam and AdamW exp_avg and exp_avg_sq, and max_exp_avg_sq with
/// amsgrad; RMSprop square_avg, a momentum buffer when momentum > 0 and grad_avg
/// when centered; Adagrad sum; Adamax exp_avg and exp_inf; NAdam and RAdam exp_avg
/// and exp_avg_sq. 0 for an unknown type. The memory budget counts with it.
Index optimizerStateTensors(const OptimizerOptions& options);

/// Sets (or, with nullopt, omits) the field that holds `keyword`. Throws
/// std::invalid_argument when the value's alternative does not match the
/// keyword's kind.
void setKeywordValue(OptimizerOptions& options, OptimizerKeyword keyword,
                     const std::optional<OptimizerValue>& value);

}  // namespace linearlab::nn
