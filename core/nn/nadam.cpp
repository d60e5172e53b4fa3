#include "core/nn/nadam.h"

#include "core/nn/python_format.h"
#include "core/nn/torch_pointwise.h"

#include <cmath>
#include <stdexcept>

namespace linearlab::nn {

template <typename T>
NAdam<T>::NAdam(std::vector<Parameter<T>*> params, double lr, std::array<double, 2> betas,
                double eps, double weight_decay, double momentum_decay)
    : Optimizer<T>(std::move(params)),
      m_betas(betas),
      m_eps(eps),
      m_weightDecay(weight_decay),
      m_momentumDecay(momentum_decay) {
    this->checkLr(lr);
    this->m_lr = lr;
    this->checkAdamArguments(betas, eps, weight_decay);
    if (!(momentum_decay >= 0.0))
        throw std::invalid_argument("Invalid momentum_decay value: " + pythonFloat(momentum_decay));
}

template <typename T>
void NAdam<T>::resetState() {
    m_step = 0;
    m_muProduct = 1.0f;
}

template <typename T>
void NAdam<T>::step() {
    if (m_step == 0) {
        // Fresh state: allocated on the very first step, zeroed (not reallocated) after a reset.
        this->zeroLike(m_expAvg);
        this->zeroLike(m_expAvgSq);
    }
    ++m_step;
    const double step = static_cast<double>(m_step);
    const double beta1 = m_betas[0], beta2 = m_betas[1];
    const double biasCorrection2 = 1 - std::pow(beta2, step);
    // The momentum cache mu_t and mu_{t+1}, Python floats.
    const double mu = beta1 * (1. - 0.5 * std::pow(0.96, step * m_momentumDecay));
    const double muNext = beta1 * (1. - 0.5 * std::pow(0.96, (step + 1) * m_momentumDecay));
    // mu_product *= mu; mu_product_next = mu_product * mu * mu_next: float32 tensor
    // arithmetic, each Python float rounded to float first.
    m_muProduct = m_muProduct * static_cast<float>(mu);
    const float muProductNext = m_muProduct * static_cast<float>(mu) * static_cast<float>(muNext);
    const T gradValue =
        static_cast<T>(-this->m_lr * (1. - mu) / (1. - static_cast<double>(m_muProduct)));
    const T expAvgValue =
        static_cast<T>(-this->m_lr * muNext / (1. - static_cast<double>(muProductNext)));
    const T weightDecay = static_cast<T>(m_weightDecay);
    const T b1 = static_cast<T>(beta1), oneMinusBeta1 = static_cast<T>(1 - beta1);
    const T b2 = static_cast<T>(beta2), oneMinusBeta2 = static_cast<T>(1 - beta2);
    const T bc2 = static_cast<T>(biasCorrection2);
    const T eps = static_cast<T>(m_eps);
    // Locals, not members: the compiler can then hoist the branches out of the loop.
    const bool decays = m_weightDecay != 0;
    for (std::size_t i = 0; i < this->m_params.size(); ++i) {
        Parameter<T>& p = *this->m_params[i];
        T* param = p.value.data();
        const T* grad = p.grad.data();
        T* expAvg = m_expAvg[i].data();
        T* expAvgSq = m_expAvgSq[i].data();
        const Index n = p.value.size();
        for (Index j = 0; j < n; ++j) {
            T g = grad[j];
            if (decays)
                g = torchop::add(g, param[j], weightDecay);
            expAvg[j] = torchop::add(expAvg[j] * b1, g, oneMinusBeta1);
            expAvgSq[j] = torchop::addcmul(expAvgSq[j] * b2, g, g, oneMinusBeta2);
            // denom = exp_avg_sq.div(bias_correction2).sqrt().add_(eps); two addcdiv_ calls.
            const T denom = std::sqrt(expAvgSq[j] / bc2) + eps;
            param[j] = torchop::addcdiv(param[j], g, denom, gradValue);
            param[j] = torchop::addcdiv(param[j], expAvg[j], denom, expAvgValue);
        }
    }
}

template class NAdam<float>;
template class NAdam<double>;

}  // namespace linearlab::nn
