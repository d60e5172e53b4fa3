#pragma once
// A loss's keyword arguments as a design states them.
#include <optional>

namespace linearlab::nn {

/// The keyword arguments a loss may take; an omitted one takes its default from
/// lossTable(), one the loss does not take is an error, as in Python.
struct LossOptions {
    std::optional<double> delta;

    bool operator==(const LossOptions& o) const { return delta == o.delta; }
};

}  // namespace linearlab::nn
