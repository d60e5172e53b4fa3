#include "core/nn/optimizer_options.h"

namespace linearlab::nn {

bool OptimizerOptions::operator==(const OptimizerOptions& o) const {
    return type == o.type && lr == o.lr && momentum == o.momentum && dampening == o.dampening &&
           weight_decay == o.weight_decay && nesterov == o.nesterov && betas == o.betas &&
           eps == o.eps && amsgrad == o.amsgrad && alpha == o.alpha && centered == o.centered &&
           lr_decay == o.lr_decay && initial_accumulator_value == o.initial_accumulator_value &&
           momentum_decay == o.momentum_decay && maximize == o.maximize;
}

}  // namespace linearlab::nn
