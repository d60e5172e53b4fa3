#pragma once
// What torch.optim.lr_scheduler's schedulers take: per type, its PyTorch name,
// when it steps, and the keyword arguments of its signature with PyTorch 1.13's
// defaults. The design file reads and writes the keywords it lists, the code
// export spells them, the settings panel shows a row per keyword the chosen type
// takes, and LrScheduler fills omitted keywords from it.
#include "core/train/scheduler_options.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace linearlab::train {

/// When the training loop calls step(), as the PyTorch docs place it.
enum class SchedulerStepping {
    Epoch,   ///< scheduler.step() after each epoch's batches
    Batch,   ///< scheduler.step() after each optimizer.step() (OneCycleLR)
    Metric,  ///< scheduler.step(val_loss) after each epoch (ReduceLROnPlateau)
};

/// One keyword argument of a scheduler's __init__.
struct SchedulerArgument {
    SchedulerKeyword keyword;
    /// PyTorch 1.13's default; nullopt for None (OneCycleLR's total_steps, epochs,
    /// steps_per_epoch) and for a required argument.
    std::optional<SchedulerValue> defaultValue;
    /// PyTorch has no default: the design must give it.
    bool required = false;
    /// For a required argument (and OneCycleLR's total_steps), the value LinearLab
    /// starts a scheduler chosen in the settings panel with; nullopt for the others.
    std::optional<SchedulerValue> startValue;
};

/// One torch.optim.lr_scheduler class.
struct SchedulerInfo {
    std::string name;  ///< "StepLR", as torch.optim.lr_scheduler spells it
    SchedulerStepping stepping;
    std::vector<SchedulerArgument> arguments;  ///< in the order its signature lists them

    bool takes(SchedulerKeyword keyword) const { return argument(keyword) != nullptr; }
    /// The argument for `keyword`, or nullptr if this scheduler does not take it.
    const SchedulerArgument* argument(SchedulerKeyword keyword) const;
};

/// A scheduler the design states wrongly. what() is one line that starts with the
/// field's path ("scheduler.gamma: ..." or "scheduler: ..."), PyTorch's words
/// after it where PyTorch has words.
class SchedulerError : public std::invalid_argument {
public:
    SchedulerError(const std::string& field, const std::string& message);
    /// "scheduler.gamma", or "scheduler" for the section as a whole.
    const std::string& field() const { return m_field; }

private:
    std::string m_field;
};

/// StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, OneCycleLR,
/// ReduceLROnPlateau, in the order the GUI lists them.
const std::vector<SchedulerInfo>& schedulerTable();

/// The table's entry named `name`, or nullptr for a name it does not hold.
const SchedulerInfo* findScheduler(const std::string& name);

/// The table's names, in its order.
const std::vector<std::string>& schedulerTypeNames();

/// Every SchedulerKeyword, in order.
const std::vector<SchedulerKeyword>& schedulerKeywords();

/// The keyword as PyTorch spells it: "step_size", "T_max".
const char* keywordName(SchedulerKeyword keyword);

/// The keyword spelled `name`, or nullopt.
std::optional<SchedulerKeyword> findSchedulerKeyword(const std::string& name);

/// Whether `keyword` holds an int, a float, a flag, a choice or a list of ints.
SchedulerValueKind keywordKind(SchedulerKeyword keyword);

/// The strings a Choice keyword accepts ("cos", "linear"); empty for other kinds.
const std::vector<std::string>& keywordChoices(SchedulerKeyword keyword);

/// The value `options` gives `keyword`, else its type's default; nullopt for None
/// and for a keyword the type does not take.
std::optional<SchedulerValue> keywordValueOrDefault(const SchedulerOptions& options,
                                                    SchedulerKeyword keyword);

/// A `type` scheduler as the settings panel starts one: the start values of its
/// required arguments, every other keyword at PyTorch's default.
SchedulerOptions startingScheduler(const std::string& type);

/// Checks `options` as torch 1.13's constructor checks its arguments: the type is
/// known, every keyword is one the type takes and of its kind, the required ones
/// are there, and the values are in range. Throws SchedulerError; nothing for a
/// disabled scheduler.
void checkScheduler(const SchedulerOptions& options);

/// "1e-05", "3", "True", "'cos'", "[30, 80]": a value as Python prints it.
std::string pythonValue(const SchedulerValue& value);

}  // namespace linearlab::train
