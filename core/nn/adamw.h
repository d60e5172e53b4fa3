#pragma once
#include "core/nn/adam.h"

namespace linearlab::nn {

/// torch.optim.AdamW: Adam with decoupled weight decay, param *= 1 - lr * weight_decay
/// before the Adam update of the undecayed gradient.
template <typename T>
class AdamW : public Adam<T> {
public:
    AdamW(std::vector<Parameter<T>*> params, double lr = 1e-3,
          std::array<double, 2> betas = {0.9, 0.999}, double eps = 1e-8, double weight_decay = 1e-2,
          bool amsgrad = false, bool maximize = false);

    std::string typeName() const override { return "AdamW"; }
};

extern template class AdamW<float>;
extern template class AdamW<double>;

}  // namespace linearlab::nn
