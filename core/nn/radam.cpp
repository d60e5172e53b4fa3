#include "core/nn/radam.h"

#include "core/nn/torch_pointwise.h"

#include <cmath>

namespace linearlab::nn {

template <typename T>
RAdam<T>::RAdam(std::vector<Parameter<T>*> params, double lr, std::array<double, 2> betas,
                double eps, double weight_decay)
    : Optimizer<T>(std::move(params)), m_betas(betas), m_eps(eps), m_weightDecay(weight_decay) {
    this->checkLr(lr);
    this->m_lr = lr;
    this->checkAdamArguments(betas, eps, weight_decay);
}

template <typename T>
void RAdam<T>::step() {
    if (m_step == 0) {
        // Fresh state: allocated on the very first step, zeroed (not reallocated) after a reset.
        this->zeroLike(m_expAvg);
        this->zeroLike(m_expAvgSq);
    }
    ++m_step;
    // Python floats, evaluated in Python's order.
    const double step = static_cast<double>(m_step);
    const double beta1 = m_betas[0], beta2 = m_betas[1];
    const double biasCorrection1 = 1 - std::pow(beta1, step);
    const double biasCorrection2 = 1 - std::pow(beta2, step);
    const double rhoInf = 2 / (1 - beta2) - 1;
    const double rhoT = rhoInf - 2 * step * std::pow(beta2, step) / biasCorrection2;
    const bool rectified = rhoT > 5.;
    const double rect =
        rectified
            ? std::sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT))
            : 0.0;
    const T bc1 = static_cast<T>(biasCorrection1);
    const T bc2Sqrt = static_cast<T>(std::sqrt(biasCorrection2));
    const T lr = static_cast<T>(this->m_lr);
    const T r = static_cast<T>(rect);
    const T weightDecay = static_cast<T>(m_weightDecay);
    const T b1 = static_cast<T>(beta1), oneMinusBeta1 = static_cast<T>(1 - beta1);
    const T b2 = static_cast<T>(beta2), oneMinusBeta2 = static_cast<T>(1 - beta2);
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
            const T corrected = expAvg[j] / bc1;  // exp_avg / bias_correction1
            T update = corrected * lr;
            if (rectified) {
                // math.sqrt(bias_correction2) / exp_avg_sq.sqrt().add_(eps) is Tensor.__rtruediv__:
                // reciprocal, then the product; then bias_corrected_exp_avg * lr * adaptive_lr *
                // rect.
                const T adaptiveLr = (T(1) / (std::sqrt(expAvgSq[j]) + eps)) * bc2Sqrt;
                update = update * adaptiveLr * r;
            }
            param[j] = torchop::add(param[j], update, T(-1));  // param.add_(..., alpha=-1.0)
        }
    }
}

template class RAdam<float>;
template class RAdam<double>;

}  // namespace linearlab::nn
