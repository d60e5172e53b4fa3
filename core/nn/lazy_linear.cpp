#include "core/nn/lazy_linear.h"

#include <stdexcept>

namespace linearlab::nn {

template <typename T>
LazyLinear<T>::LazyLinear(Index out_features, bool bias)
    : Linear<T>(LinearOptions(0, out_features).bias(bias), typename Linear<T>::Uninitialised{}) {
    if (out_features < 0)
        throw std::invalid_argument("Trying to create tensor with negative dimension " +
                                    std::to_string(out_features) + ": " +
                                    shapeString({out_features, 0}));
}

template <typename T>
void LazyLinear<T>::materializeUninitialised(Index in_features) {
    if (m_materialized)
        return;
    if (in_features < 0)
        throw std::invalid_argument("Trying to create tensor with negative dimension " +
                                    std::to_string(in_features) + ": " +
                                    shapeString({this->outFeatures(), in_features}));
    this->m_options = LinearOptions(in_features, this->outFeatures()).bias(this->hasBias());
    this->reset();
    m_materialized = true;
}

template <typename T>
void LazyLinear<T>::materialize(Index in_features, Generator& gen) {
    if (m_materialized)
        return;
    materializeUninitialised(in_features);
    Linear<T>::resetParameters(gen);
}

template <typename T>
std::vector<NamedParameter<T>> LazyLinear<T>::namedParameters() {
    if (!m_materialized)
        return {};
    return Linear<T>::namedParameters();
}

template <typename T>
void LazyLinear<T>::resetParameters(Generator& gen) {
    // As PyTorch's LazyLinear.reset_parameters: nothing to draw while uninitialised.
    if (m_materialized)
        Linear<T>::resetParameters(gen);
}

template <typename T>
Shape LazyLinear<T>::outputShape(const Shape& input) const {
    if (m_materialized || input.empty())
        return Linear<T>::outputShape(input);
    Shape out = input;
    out.back() = this->outFeatures();
    return out;
}

template <typename T>
void LazyLinear<T>::forward(const Matrix<T>& x, Matrix<T>& y) {
    if (!m_materialized)
        throw std::logic_error(
            "LazyLinear: in_features is inferred from the first batch; materialize it first");
    Linear<T>::forward(x, y);
}

template <typename T>
Tensor<T> LazyLinear<T>::operator()(const Tensor<T>& x, Generator& gen) {
    if (x.shape.empty())
        throw std::invalid_argument("tuple index out of range");
    materialize(x.shape.back(), gen);
    return Module<T>::operator()(x);
}

template class LazyLinear<float>;
template class LazyLinear<double>;

}  // namespace linearlab::nn
