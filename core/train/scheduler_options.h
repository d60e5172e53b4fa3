#pragma once
// torch.optim.lr_scheduler's keyword arguments as a design states them.
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace linearlab::train {

/// Every keyword a scheduler in schedulerTable() takes, spelled as PyTorch spells
/// it (T_max included), in the order the design file and the code export write them.
enum class SchedulerKeyword {
    step_size,
    milestones,
    gamma,
    T_max,
    eta_min,
    start_factor,
    end_factor,
    total_iters,
    max_lr,
    total_steps,
    epochs,
    steps_per_epoch,
    pct_start,
    anneal_strategy,
    cycle_momentum,
    base_momentum,
    max_momentum,
    div_factor,
    final_div_factor,
    three_phase,
    mode,
    factor,
    patience,
    threshold,
    threshold_mode,
    cooldown,
    min_lr,
    eps
};

/// What a keyword's value is: an int, a float, a bool, one of a few strings, or a
/// list of ints (milestones).
enum class SchedulerValueKind { Integer, Number, Flag, Choice, IntegerList };

/// One keyword's value: the alternative at index keywordKind(keyword).
using SchedulerValue = std::variant<long long, double, bool, std::string, std::vector<long long>>;

/// A scheduler's class name and the keyword arguments the design gives it; an
/// omitted keyword takes PyTorch's default (see schedulerTable()).
struct SchedulerOptions {
    std::string type;  ///< a name in schedulerTable(); empty: no scheduler
    std::map<SchedulerKeyword, SchedulerValue> keywords;

    bool enabled() const { return !type.empty(); }
    bool operator==(const SchedulerOptions& o) const {
        return type == o.type && keywords == o.keywords;
    }
    bool operator!=(const SchedulerOptions& o) const { return !(*this == o); }
};

}  // namespace linearlab::train
