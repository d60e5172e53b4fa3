#include "core/nn/sgd.h"

#include "core/nn/python_format.h"
#include "core/nn/torch_pointwise.h"

#include <stdexcept>
#include <type_traits>

namespace linearlab::nn {

template <typename T>
SGD<T>::SGD(std::vector<Parameter<T>*> params, double lr, double momentum, double dampening,
            double weight_decay, bool nesterov, bool maximize)
    : Optimizer<T>(std::move(params)),
      m_momentum(momentum),
      m_dampening(dampening),
      m_weightDecay(weight_decay),
      m_nesterov(nesterov),
      m_maximize(maximize) {
    this->checkLr(lr);
    this->m_lr = lr;
    if (momentum < 0.0)
        throw std::invalid_argument("Invalid momentum value: " + pythonFloat(momentum));
    if (weight_decay < 0.0)
        throw std::invalid_argument("Invalid weight_decay value: " + pythonFloat(weight_decay));
    if (nesterov && (momentum <= 0 || dampening != 0))
        throw std::invalid_argument("Nesterov momentum requires a momentum and zero dampening");
    m_momentumBuffer.resize(this->m_params.size());
}

template <typename T>
void SGD<T>::step() {
    // PyTorch rounds each Python-float hyper-parameter to the tensor's type.
    const T negLr = static_cast<T>(-this->m_lr);
    const T weightDecay = static_cast<T>(m_weightDecay);
    const T momentum = static_cast<T>(m_momentum);
    const T oneMinusDampening = static_cast<T>(1 - m_dampening);
    const bool first = !m_hasMomentumBuffer;
    // Locals, not members: the compiler can then hoist the branches out of the loop.
    const bool maximize = m_maximize;
    const bool decays = m_weightDecay != 0;
    const bool hasMomentum = m_momentum != 0;
    const bool nesterov = m_nesterov;
    // The element loop, with momentum a compile-time constant: a store that may or may not
    // happen would keep the loop from vectorising.
    auto update = [&](auto momentumTag, T* param, const T* grad, T* buf, Index n) {
        for (Index j = 0; j < n; ++j) {
            T d = maximize ? -grad[j] : grad[j];
            if (decays)
                d = torchop::add(d, param[j], weightDecay);
            if constexpr (decltype(momentumTag)::value) {
                // The first step clones d: no dampening yet.
                const T b = buf[j] =
                    first ? d : torchop::add(buf[j] * momentum, d, oneMinusDampening);
                d = nesterov ? torchop::add(d, b, momentum) : b;
            }
            param[j] = torchop::add(param[j], d, negLr);
        }
    };
    for (std::size_t i = 0; i < this->m_params.size(); ++i) {
        Parameter<T>& p = *this->m_params[i];
        const Index n = p.value.size();
        if (hasMomentum) {
            if (first)
                this->zeroLike(m_momentumBuffer[i], p);  // allocates on the very first step only
            update(std::true_type{}, p.value.data(), p.grad.data(), m_momentumBuffer[i].data(), n);
        } else {
            update(std::false_type{}, p.value.data(), p.grad.data(), nullptr, n);
        }
    }
    m_hasMomentumBuffer = true;
}

template class SGD<float>;
template class SGD<double>;

}  // namespace linearlab::nn
