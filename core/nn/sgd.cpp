#include "core/nn/sgd.h"

#include "core/nn/python_format.h"

#include <stdexcept>

namespace linearlab::nn {

template <typename T>
SGD<T>::SGD(std::vector<Parameter<T>*> params, double lr, double momentum, double dampening,
            double weight_decay, bool nesterov)
    : Optimizer<T>(std::move(params)),
      m_momentum(momentum),
      m_dampening(dampening),
      m_weightDecay(weight_decay),
      m_nesterov(nesterov) {
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
template <typename Grad>
void SGD<T>::update(std::size_t i, const Grad& d) {
    auto param = this->m_params[i]->value.array();
    // PyTorch rounds each Python-float hyper-parameter to the tensor's type.
    const T negLr = static_cast<T>(-this->m_lr);
    if (m_momentum == 0) {
        param += negLr * d;
        return;
    }
    Matrix<T>& buf = m_momentumBuffer[i];
    const T momentum = static_cast<T>(m_momentum);
    if (!m_hasMomentumBuffer)
        buf = d.matrix();  // the first step clones d: no dampening yet
    else
        buf.array() = buf.array() * momentum + static_cast<T>(1 - m_dampening) * d;
    if (m_nesterov)
        param += negLr * (d + momentum * buf.array());
    else
        param += negLr * buf.array();
}

template <typename T>
void SGD<T>::step() {
    for (std::size_t i = 0; i < this->m_params.size(); ++i) {
        const Parameter<T>& p = *this->m_params[i];
        // d is an expression read before param is written, element by element, so the
        // decayed gradient needs no buffer.
        if (m_weightDecay != 0)
            update(i, p.grad.array() + static_cast<T>(m_weightDecay) * p.value.array());
        else
            update(i, p.grad.array());
    }
    m_hasMomentumBuffer = true;
}

template class SGD<float>;
template class SGD<double>;

}  // namespace linearlab::nn
