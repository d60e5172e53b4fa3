#include "core/nn/loss.h"

#include "core/nn/loss_table.h"

#include <sstream>

namespace linearlab::nn {

Reduction reductionFromName(const std::string& name) {
    if (name == "mean")
        return Reduction::Mean;
    if (name == "sum")
        return Reduction::Sum;
    if (name == "none")
        return Reduction::None;
    throw std::invalid_argument(lossValueProblem(LossKeyword::reduction, name));
}

std::string lossNumberText(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

}  // namespace linearlab::nn
