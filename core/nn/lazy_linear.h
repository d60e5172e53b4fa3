#pragma once
#include "core/nn/linear.h"

namespace linearlab::nn {

/// torch.nn.LazyLinear: a Linear whose in_features (shown as 0) is inferred from
/// the first input. It draws its initial values when it materializes, so in a
/// stack it consumes the generator after every eager layer, as in PyTorch.
template <typename T>
class LazyLinear : public Linear<T> {
public:
    /// options.in_features() is ignored; PyTorch's LazyLinear takes only out_features.
    LazyLinear(Index out_features, bool bias = true);

    /// "LazyLinear" until materialized, then "Linear" (PyTorch's cls_to_become).
    std::string typeName() const override { return m_materialized ? "Linear" : "LazyLinear"; }
    bool isMaterialized() const { return m_materialized; }

    /// Fixes in_features, allocates weight (out, in) and bias, and initialises
    /// them from `gen` as Linear.reset_parameters. Does nothing once materialized.
    void materialize(Index in_features, Generator& gen);
    /// Fixes in_features and allocates zero parameters without drawing: for loading
    /// a state dict into an unmaterialized layer.
    void materializeUninitialised(Index in_features);

    /// Before materializing, parameters are uninitialised and not listed.
    std::vector<NamedParameter<T>> namedParameters() override;
    void resetParameters(Generator& gen) override;
    /// Before materializing any last dim is accepted.
    Shape outputShape(const Shape& input) const override;
    /// Throws std::logic_error before materializing.
    void forward(const Matrix<T>& x, Matrix<T>& y) override;

    using Module<T>::operator();
    /// module(input): materializes from the input's last dim on the first call.
    Tensor<T> operator()(const Tensor<T>& x, Generator& gen);

private:
    bool m_materialized = false;
};

extern template class LazyLinear<float>;
extern template class LazyLinear<double>;

}  // namespace linearlab::nn
