#include "core/nn/adam.h"

#include "core/nn/python_format.h"

#include <cmath>
#include <stdexcept>

namespace linearlab::nn {

template <typename T>
Adam<T>::Adam(std::vector<Parameter<T>*> params, double lr, std::array<double, 2> betas, double eps,
              double weight_decay, bool amsgrad)
    : Optimizer<T>(std::move(params)),
      m_betas(betas),
      m_eps(eps),
      m_weightDecay(weight_decay),
      m_amsgrad(amsgrad) {
    this->checkLr(lr);
    this->m_lr = lr;
    if (!(eps >= 0.0))
        throw std::invalid_argument("Invalid epsilon value: " + pythonFloat(eps));
    for (int k = 0; k < 2; ++k)
        if (!(betas[k] >= 0.0 && betas[k] < 1.0))
            throw std::invalid_argument("Invalid beta parameter at index " + std::to_string(k) +
                                        ": " + pythonFloat(betas[k]));
    if (!(weight_decay >= 0.0))
        throw std::invalid_argument("Invalid weight_decay value: " + pythonFloat(weight_decay));
}

template <typename T>
Adam<T>::Adam(std::vector<Parameter<T>*> params, double lr, std::array<double, 2> betas, double eps,
              double weight_decay, bool amsgrad, Decoupled)
    : Adam(std::move(params), lr, betas, eps, weight_decay, amsgrad) {
    m_decoupled = true;
}

template <typename T>
template <typename Grad>
void Adam<T>::update(std::size_t i, const Grad& grad, T stepSize, T biasCorrection2Sqrt) {
    auto param = this->m_params[i]->value.array();
    auto expAvg = m_expAvg[i].array();
    auto expAvgSq = m_expAvgSq[i].array();
    const double beta1 = m_betas[0], beta2 = m_betas[1];
    // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1);
    // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    expAvg = expAvg * static_cast<T>(beta1) + static_cast<T>(1 - beta1) * grad;
    expAvgSq = expAvgSq * static_cast<T>(beta2) + static_cast<T>(1 - beta2) * grad * grad;
    auto addcdiv = [&](const auto& secondMoment) {
        // denom = (sqrt(v) / bias_correction2_sqrt).add_(eps);
        // param.addcdiv_(exp_avg, denom, value=-step_size)
        param += (-stepSize * expAvg) /
                 (secondMoment.sqrt() / biasCorrection2Sqrt + static_cast<T>(m_eps));
    };
    if (m_amsgrad) {
        auto maxExpAvgSq = m_maxExpAvgSq[i].array();
        maxExpAvgSq = maxExpAvgSq.max(expAvgSq);
        addcdiv(maxExpAvgSq);
    } else {
        addcdiv(expAvgSq);
    }
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
    const double stepSize = this->m_lr / biasCorrection1;
    const double biasCorrection2Sqrt = std::sqrt(biasCorrection2);
    for (std::size_t i = 0; i < this->m_params.size(); ++i) {
        Parameter<T>& p = *this->m_params[i];
        if (m_decoupled)
            p.value.array() *= static_cast<T>(1 - this->m_lr * m_weightDecay);
        // The decayed gradient stays an expression: param is written last, so every
        // read of it sees the old value.
        if (!m_decoupled && m_weightDecay != 0)
            update(i, p.grad.array() + static_cast<T>(m_weightDecay) * p.value.array(),
                   static_cast<T>(stepSize), static_cast<T>(biasCorrection2Sqrt));
        else
            update(i, p.grad.array(), static_cast<T>(stepSize),
                   static_cast<T>(biasCorrection2Sqrt));
    }
}

template class Adam<float>;
template class Adam<double>;

}  // namespace linearlab::nn
