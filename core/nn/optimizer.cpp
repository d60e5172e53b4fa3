#include "core/nn/optimizer.h"

#include "core/nn/python_format.h"

#include <stdexcept>

namespace linearlab::nn {

template <typename T>
Optimizer<T>::Optimizer(std::vector<Parameter<T>*> params) : m_params(std::move(params)) {
    if (m_params.empty())
        throw std::invalid_argument("optimizer got an empty parameter list");
    for (const auto* p : m_params)
        if (!p)
            throw std::invalid_argument("optimizer got a null parameter");
}

template <typename T>
void Optimizer<T>::zeroGrad() {
    for (auto* p : m_params)
        p->grad.setZero();
}

template <typename T>
void Optimizer<T>::checkLr(double lr) {
    if (!(lr >= 0.0))
        throw std::invalid_argument("Invalid learning rate: " + pythonFloat(lr));
}

template <typename T>
void Optimizer<T>::checkAdamArguments(std::array<double, 2> betas, double eps,
                                      double weight_decay) {
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
void Optimizer<T>::setLr(double lr) {
    checkLr(lr);
    m_lr = lr;
}

template <typename T>
void Optimizer<T>::zeroLike(Matrix<T>& buffer, const Parameter<T>& p) {
    if (buffer.rows() != p.value.rows() || buffer.cols() != p.value.cols())
        buffer.resize(p.value.rows(), p.value.cols());
    buffer.setZero();
}

template <typename T>
void Optimizer<T>::zeroLike(std::vector<Matrix<T>>& buffers) const {
    buffers.resize(m_params.size());
    for (std::size_t i = 0; i < m_params.size(); ++i)
        zeroLike(buffers[i], *m_params[i]);
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace linearlab::nn
