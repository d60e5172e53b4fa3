#include "core/nn/adamax.h"

#include "core/nn/torch_pointwise.h"

#include <cmath>

namespace linearlab::nn {

template <typename T>
Adamax<T>::Adamax(std::vector<Parameter<T>*> params, double lr, std::array<double, 2> betas,
                  double eps, double weight_decay, bool maximize)
    : Optimizer<T>(std::move(params)),
      m_betas(betas),
      m_eps(eps),
      m_weightDecay(weight_decay),
      m_maximize(maximize) {
    this->checkLr(lr);
    this->m_lr = lr;
    this->checkAdamArguments(betas, eps, weight_decay);
}

template <typename T>
void Adamax<T>::step() {
    if (m_step == 0) {
        // Fresh state: allocated on the very first step, zeroed (not reallocated) after a reset.
        this->zeroLike(m_expAvg);
        this->zeroLike(m_expInf);
    }
    ++m_step;
    const double biasCorrection = 1 - std::pow(m_betas[0], static_cast<double>(m_step));
    const T negClr = static_cast<T>(-(this->m_lr / biasCorrection));
    const T weightDecay = static_cast<T>(m_weightDecay);
    const T beta1 = static_cast<T>(m_betas[0]), oneMinusBeta1 = static_cast<T>(1 - m_betas[0]);
    const T beta2 = static_cast<T>(m_betas[1]);
    const T eps = static_cast<T>(m_eps);
    // Locals, not members: the compiler can then hoist the branches out of the loop.
    const bool maximize = m_maximize;
    const bool decays = m_weightDecay != 0;
    for (std::size_t i = 0; i < this->m_params.size(); ++i) {
        Parameter<T>& p = *this->m_params[i];
        T* param = p.value.data();
        const T* grad = p.grad.data();
        T* expAvg = m_expAvg[i].data();
        T* expInf = m_expInf[i].data();
        const Index n = p.value.size();
        for (Index j = 0; j < n; ++j) {
            T g = maximize ? -grad[j] : grad[j];
            if (decays)
                g = torchop::add(g, param[j], weightDecay);
            // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
            expAvg[j] = torchop::add(expAvg[j] * beta1, g, oneMinusBeta1);
            // amax(cat([exp_inf.mul_(beta2), grad.abs().add_(eps)]), 0, out=exp_inf)
            expInf[j] = torchop::maximum(expInf[j] * beta2, std::abs(g) + eps);
            // param.addcdiv_(exp_avg, exp_inf, value=-clr)
            param[j] = torchop::addcdiv(param[j], expAvg[j], expInf[j], negClr);
        }
    }
}

template class Adamax<float>;
template class Adamax<double>;

}  // namespace linearlab::nn
