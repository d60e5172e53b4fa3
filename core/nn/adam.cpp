#include "core/nn/adam.h"

#include "core/nn/torch_pointwise.h"

#include <cmath>
#include <type_traits>

namespace linearlab::nn {

template <typename T>
Adam<T>::Adam(std::vector<Parameter<T>*> params, double lr, std::array<double, 2> betas, double eps,
              double weight_decay, bool amsgrad, bool maximize)
    : Optimizer<T>(std::move(params)),
      m_betas(betas),
      m_eps(eps),
      m_weightDecay(weight_decay),
      m_amsgrad(amsgrad),
      m_maximize(maximize) {
    this->checkLr(lr);
    this->m_lr = lr;
    this->checkAdamArguments(betas, eps, weight_decay);
}

template <typename T>
Adam<T>::Adam(std::vector<Parameter<T>*> params, double lr, std::array<double, 2> betas, double eps,
              double weight_decay, bool amsgrad, bool maximize, Decoupled)
    : Adam(std::move(params), lr, betas, eps, weight_decay, amsgrad, maximize) {
    m_decoupled = true;
}

template <typename T>
void Adam<T>::step() {
    if (m_step == 0) {
        // Fresh state: allocated on the very first step, zeroed (not reallocated) after a reset.
        this->zeroLike(m_expAvg);
        this->zeroLike(m_expAvgSq);
        if (m_amsgrad)
            this->zeroLike(m_maxExpAvgSq);
    }
    ++m_step;
    // Python floats, i.e. double, as torch computes them; rounded to T when applied.
    const double step = static_cast<double>(m_step);
    const double biasCorrection1 = 1 - std::pow(m_betas[0], step);
    const double biasCorrection2 = 1 - std::pow(m_betas[1], step);
    const T negStepSize = static_cast<T>(-(this->m_lr / biasCorrection1));
    const T biasCorrection2Sqrt = static_cast<T>(std::sqrt(biasCorrection2));
    const T decay = static_cast<T>(1 - this->m_lr * m_weightDecay);
    const T weightDecay = static_cast<T>(m_weightDecay);
    const T beta1 = static_cast<T>(m_betas[0]), oneMinusBeta1 = static_cast<T>(1 - m_betas[0]);
    const T beta2 = static_cast<T>(m_betas[1]), oneMinusBeta2 = static_cast<T>(1 - m_betas[1]);
    const T eps = static_cast<T>(m_eps);
    // Locals, not members: the compiler can then hoist the branches out of the loop.
    const bool maximize = m_maximize;
    const bool decoupled = m_decoupled;
    const bool decays = m_weightDecay != 0;
    const bool amsgrad = m_amsgrad;
    // The element loop, with amsgrad a compile-time constant: a store that may or may not
    // happen would keep the loop from vectorising.
    auto update = [&](auto amsgradTag, T* param, const T* grad, T* expAvg, T* expAvgSq,
                      T* maxExpAvgSq, Index n) {
        for (Index j = 0; j < n; ++j) {
            T g = maximize ? -grad[j] : grad[j];
            T value = param[j];
            if (decoupled)
                value = value * decay;  // param.mul_(1 - lr * weight_decay)
            else if (decays)
                g = torchop::add(g, value, weightDecay);
            // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
            const T m = expAvg[j] = torchop::add(expAvg[j] * beta1, g, oneMinusBeta1);
            // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            T second = expAvgSq[j] = torchop::addcmul(expAvgSq[j] * beta2, g, g, oneMinusBeta2);
            if constexpr (decltype(amsgradTag)::value)
                second = maxExpAvgSq[j] = torchop::maximum(maxExpAvgSq[j], second);
            // denom = (sqrt(v) / bias_correction2_sqrt).add_(eps);
            // param.addcdiv_(exp_avg, denom, value=-step_size)
            const T denom = std::sqrt(second) / biasCorrection2Sqrt + eps;
            param[j] = torchop::addcdiv(value, m, denom, negStepSize);
        }
    };
    for (std::size_t i = 0; i < this->m_params.size(); ++i) {
        Parameter<T>& p = *this->m_params[i];
        const Index n = p.value.size();
        if (amsgrad)
            update(std::true_type{}, p.value.data(), p.grad.data(), m_expAvg[i].data(),
                   m_expAvgSq[i].data(), m_maxExpAvgSq[i].data(), n);
        else
            update(std::false_type{}, p.value.data(), p.grad.data(), m_expAvg[i].data(),
                   m_expAvgSq[i].data(), nullptr, n);
    }
}

template class Adam<float>;
template class Adam<double>;

}  // namespace linearlab::nn
