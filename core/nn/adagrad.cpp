#include "core/nn/adagrad.h"

#include "core/nn/python_format.h"
#include "core/nn/torch_pointwise.h"

#include <cmath>
#include <stdexcept>

namespace linearlab::nn {

template <typename T>
Adagrad<T>::Adagrad(std::vector<Parameter<T>*> params, double lr, double lr_decay,
                    double weight_decay, double initial_accumulator_value, double eps,
                    bool maximize)
    : Optimizer<T>(std::move(params)),
      m_lrDecay(lr_decay),
      m_weightDecay(weight_decay),
      m_initialAccumulatorValue(initial_accumulator_value),
      m_eps(eps),
      m_maximize(maximize) {
    this->checkLr(lr);
    this->m_lr = lr;
    if (!(lr_decay >= 0.0))
        throw std::invalid_argument("Invalid lr_decay value: " + pythonFloat(lr_decay));
    if (!(weight_decay >= 0.0))
        throw std::invalid_argument("Invalid weight_decay value: " + pythonFloat(weight_decay));
    if (!(initial_accumulator_value >= 0.0))
        throw std::invalid_argument("Invalid initial_accumulator_value value: " +
                                    pythonFloat(initial_accumulator_value));
    if (!(eps >= 0.0))
        throw std::invalid_argument("Invalid epsilon value: " + pythonFloat(eps));
    resetState();
}

template <typename T>
void Adagrad<T>::resetState() {
    // torch.full_like(p, initial_accumulator_value); reuses the memory after the first call.
    this->zeroLike(m_sum);
    for (Matrix<T>& sum : m_sum)
        sum.setConstant(static_cast<T>(m_initialAccumulatorValue));
    m_step = 0;
}

template <typename T>
void Adagrad<T>::step() {
    ++m_step;
    // step is a float tensor's item(), so a double; clr is a Python float.
    const double step = static_cast<double>(m_step);
    const T negClr = static_cast<T>(-(this->m_lr / (1 + (step - 1) * m_lrDecay)));
    const T weightDecay = static_cast<T>(m_weightDecay);
    const T eps = static_cast<T>(m_eps);
    // Locals, not members: the compiler can then hoist the branches out of the loop.
    const bool maximize = m_maximize;
    const bool decays = m_weightDecay != 0;
    for (std::size_t i = 0; i < this->m_params.size(); ++i) {
        Parameter<T>& p = *this->m_params[i];
        T* param = p.value.data();
        const T* grad = p.grad.data();
        T* sum = m_sum[i].data();
        const Index n = p.value.size();
        for (Index j = 0; j < n; ++j) {
            T g = maximize ? -grad[j] : grad[j];
            if (decays)
                g = torchop::add(g, param[j], weightDecay);
            // state_sum.addcmul_(grad, grad, value=1); std = state_sum.sqrt().add_(eps);
            // param.addcdiv_(grad, std, value=-clr)
            sum[j] = torchop::addcmul(sum[j], g, g, T(1));
            const T denom = std::sqrt(sum[j]) + eps;
            param[j] = torchop::addcdiv(param[j], g, denom, negClr);
        }
    }
}

template class Adagrad<float>;
template class Adagrad<double>;

}  // namespace linearlab::nn
