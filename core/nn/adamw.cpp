#include "core/nn/adamw.h"

namespace linearlab::nn {

template <typename T>
AdamW<T>::AdamW(std::vector<Parameter<T>*> params, double lr, std::array<double, 2> betas,
                double eps, double weight_decay, bool amsgrad, bool maximize)
    : Adam<T>(std::move(params), lr, betas, eps, weight_decay, amsgrad, maximize,
              typename Adam<T>::Decoupled{}) {}

template class AdamW<float>;
template class AdamW<double>;

}  // namespace linearlab::nn
