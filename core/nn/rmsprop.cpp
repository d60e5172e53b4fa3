#include "core/nn/rmsprop.h"

#include "core/nn/python_format.h"
#include "core/nn/torch_pointwise.h"

#include <cmath>
#include <stdexcept>
#include <type_traits>

namespace linearlab::nn {

template <typename T>
RMSprop<T>::RMSprop(std::vector<Parameter<T>*> params, double lr, double alpha, double eps,
                    double weight_decay, double momentum, bool centered, bool maximize)
    : Optimizer<T>(std::move(params)),
      m_alpha(alpha),
      m_eps(eps),
      m_weightDecay(weight_decay),
      m_momentum(momentum),
      m_centered(centered),
      m_maximize(maximize) {
    this->checkLr(lr);
    this->m_lr = lr;
    if (!(eps >= 0.0))
        throw std::invalid_argument("Invalid epsilon value: " + pythonFloat(eps));
    if (!(momentum >= 0.0))
        throw std::invalid_argument("Invalid momentum value: " + pythonFloat(momentum));
    if (!(weight_decay >= 0.0))
        throw std::invalid_argument("Invalid weight_decay value: " + pythonFloat(weight_decay));
    if (!(alpha >= 0.0))
        throw std::invalid_argument("Invalid alpha value: " + pythonFloat(alpha));
}

template <typename T>
void RMSprop<T>::step() {
    if (!m_initialised) {
        // Allocated on the very first step, zeroed (not reallocated) after a reset.
        this->zeroLike(m_squareAvg);
        if (m_centered)
            this->zeroLike(m_gradAvg);
        if (m_momentum > 0)
            this->zeroLike(m_momentumBuffer);
        m_initialised = true;
    }
    const T alpha = static_cast<T>(m_alpha);
    const T oneMinusAlpha = static_cast<T>(1 - m_alpha);
    const T eps = static_cast<T>(m_eps);
    const T negLr = static_cast<T>(-this->m_lr);
    const T weightDecay = static_cast<T>(m_weightDecay);
    const T momentum = static_cast<T>(m_momentum);
    // Locals, not members: the compiler can then hoist the branches out of the loop.
    const bool maximize = m_maximize;
    const bool decays = m_weightDecay != 0;
    const bool centered = m_centered;
    const bool hasMomentum = m_momentum > 0;
    // The element loop, with centered and momentum compile-time constants: a store that
    // may or may not happen would keep the loop from vectorising.
    auto update = [&](auto centeredTag, auto momentumTag, T* param, const T* grad, T* squareAvg,
                      T* gradAvg, T* buf, Index n) {
        for (Index j = 0; j < n; ++j) {
            T g = maximize ? -grad[j] : grad[j];
            if (decays)
                g = torchop::add(g, param[j], weightDecay);
            // square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
            const T v = squareAvg[j] = torchop::addcmul(squareAvg[j] * alpha, g, g, oneMinusAlpha);
            T avg;
            if constexpr (decltype(centeredTag)::value) {
                // grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha);
                // avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_().add_(eps)
                const T a = gradAvg[j] = torchop::add(gradAvg[j] * alpha, g, oneMinusAlpha);
                avg = std::sqrt(torchop::addcmul(v, a, a, T(-1))) + eps;
            } else {
                avg = std::sqrt(v) + eps;
            }
            if constexpr (decltype(momentumTag)::value) {
                // buf.mul_(momentum).addcdiv_(grad, avg); param.add_(buf, alpha=-lr)
                const T b = buf[j] = torchop::addcdiv(buf[j] * momentum, g, avg, T(1));
                param[j] = torchop::add(param[j], b, negLr);
            } else {
                // param.addcdiv_(grad, avg, value=-lr)
                param[j] = torchop::addcdiv(param[j], g, avg, negLr);
            }
        }
    };
    for (std::size_t i = 0; i < this->m_params.size(); ++i) {
        Parameter<T>& p = *this->m_params[i];
        T* param = p.value.data();
        const T* grad = p.grad.data();
        T* squareAvg = m_squareAvg[i].data();
        T* gradAvg = centered ? m_gradAvg[i].data() : nullptr;
        T* buf = hasMomentum ? m_momentumBuffer[i].data() : nullptr;
        const Index n = p.value.size();
        if (centered && hasMomentum)
            update(std::true_type{}, std::true_type{}, param, grad, squareAvg, gradAvg, buf, n);
        else if (centered)
            update(std::true_type{}, std::false_type{}, param, grad, squareAvg, gradAvg, buf, n);
        else if (hasMomentum)
            update(std::false_type{}, std::true_type{}, param, grad, squareAvg, gradAvg, buf, n);
        else
            update(std::false_type{}, std::false_type{}, param, grad, squareAvg, gradAvg, buf, n);
    }
}

template class RMSprop<float>;
template class RMSprop<double>;

}  // namespace linearlab::nn
