#include "core/nn/rmsprop.h"

#include "core/nn/python_format.h"

#include <stdexcept>

namespace linearlab::nn {

template <typename T>
RMSprop<T>::RMSprop(std::vector<Parameter<T>*> params, double lr, double alpha, double eps,
                    double weight_decay, double momentum, bool centered)
    : Optimizer<T>(std::move(params)),
      m_alpha(alpha),
      m_eps(eps),
      m_weightDecay(weight_decay),
      m_momentum(momentum),
      m_centered(centered) {
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
template <typename Grad>
void RMSprop<T>::update(std::size_t i, const Grad& grad) {
    auto param = this->m_params[i]->value.array();
    auto squareAvg = m_squareAvg[i].array();
    const T alpha = static_cast<T>(m_alpha);
    const T oneMinusAlpha = static_cast<T>(1 - m_alpha);
    const T eps = static_cast<T>(m_eps);
    const T negLr = static_cast<T>(-this->m_lr);
    // square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
    squareAvg = squareAvg * alpha + oneMinusAlpha * grad * grad;
    auto apply = [&](const auto& avg) {
        if (m_momentum > 0) {
            // buf.mul_(momentum).addcdiv_(grad, avg); param.add_(buf, alpha=-lr)
            // Two statements, as PyTorch's two kernels: the product is rounded before the
            // sum, where one expression could be contracted into a fused multiply-add.
            auto buf = m_momentumBuffer[i].array();
            buf *= static_cast<T>(m_momentum);
            buf += grad / avg;
            param += negLr * buf;
        } else {
            // param.addcdiv_(grad, avg, value=-lr)
            param += (negLr * grad) / avg;
        }
    };
    if (m_centered) {
        // grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha);
        // avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_().add_(eps)
        auto gradAvg = m_gradAvg[i].array();
        gradAvg = gradAvg * alpha + oneMinusAlpha * grad;
        apply((squareAvg - gradAvg * gradAvg).sqrt() + eps);
    } else {
        apply(squareAvg.sqrt() + eps);
    }
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
    for (std::size_t i = 0; i < this->m_params.size(); ++i) {
        const Parameter<T>& p = *this->m_params[i];
        // param is written last, so the decayed gradient can stay an expression.
        if (m_weightDecay != 0)
            update(i, p.grad.array() + static_cast<T>(m_weightDecay) * p.value.array());
        else
            update(i, p.grad.array());
    }
}

template class RMSprop<float>;
template class RMSprop<double>;

}  // namespace linearlab::nn
