#include "core/nn/rmsprop.h"

#include "core/nn/python_format.h"
#include "core/nn/torch_pointwise.h"

#include <cmath>
#include <stdexcept>

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
    for (std::size_t i = 0; i < this->m_params.size(); ++i) {
        Parameter<T>& p = *this->m_params[i];
        T* param = p.value.data();
        const T* grad = p.grad.data();
        T* squareAvg = m_squareAvg[i].data();
        T* gradAvg = m_centered ? m_gradAvg[i].data() : nullptr;
        T* buf = m_momentum > 0 ? m_momentumBuffer[i].data() : nullptr;
        const Index n = p.value.size();
        for (Index j = 0; j < n; ++j) {
            T g = m_maximize ? -grad[j] : grad[j];
            if (m_weightDecay != 0)
                g = torchop::add(g, param[j], weightDecay);
            // square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
            squareAvg[j] = torchop::addcmul(squareAvg[j] * alpha, g, g, oneMinusAlpha);
            T avg;
            if (m_centered) {
                // grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha);
                // avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_().add_(eps)
                gradAvg[j] = torchop::add(gradAvg[j] * alpha, g, oneMinusAlpha);
                avg =
                    std::sqrt(torchop::addcmul(squareAvg[j], gradAvg[j], gradAvg[j], T(-1))) + eps;
            } else {
                avg = std::sqrt(squareAvg[j]) + eps;
            }
            if (m_momentum > 0) {
                // buf.mul_(momentum).addcdiv_(grad, avg); param.add_(buf, alpha=-lr)
                buf[j] = torchop::addcdiv(buf[j] * momentum, g, avg, T(1));
                param[j] = torchop::add(param[j], buf[j], negLr);
            } else {
                // param.addcdiv_(grad, avg, value=-lr)
                param[j] = torchop::addcdiv(param[j], g, avg, negLr);
            }
        }
    }
}

template class RMSprop<float>;
template class RMSprop<double>;

}  // namespace linearlab::nn
