#pragma once
#include "core/nn/init_distribution.h"
#include "core/nn/module.h"

namespace linearlab::nn {

/// torch::nn::LinearOptions: LinearOptions(5, 2).bias(false).
class LinearOptions {
public:
    LinearOptions(Index in_features, Index out_features)
        : m_inFeatures(in_features), m_outFeatures(out_features) {}
    LinearOptions& bias(bool b) {
        m_bias = b;
        return *this;
    }
    Index in_features() const { return m_inFeatures; }
    Index out_features() const { return m_outFeatures; }
    bool bias() const { return m_bias; }

private:
    Index m_inFeatures;
    Index m_outFeatures;
    bool m_bias = true;
};

/// The output shape of a Linear(in_features, out_features) for `input`, or
/// std::invalid_argument in PyTorch's words. Shared by the module and by shape
/// inference over a design, which runs before any module exists.
Shape linearOutputShape(Index in_features, Index out_features, const Shape& input);

/// PyTorch's repr of a Linear-like module called `typeName`, shared by the module
/// and by the layer table, which states it before any module exists.
std::string linearRepr(const std::string& typeName, Index in_features, Index out_features,
                       bool bias);

/// What Linear.reset_parameters draws `param` ("weight" or "bias") from, for a
/// weight of `weightShape` (out_features, in_features): the weight by
/// kaiming_uniform_(a=sqrt(5)), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)), the bias
/// from that same U. resetParameters draws with these bounds.
InitDistribution linearResetInit(const std::string& param, const Shape& weightShape);

/// y = x A^T + b. weight: (out_features, in_features), bias: (out_features).
template <typename T>
class Linear : public Module<T> {
public:
    /// Allocates (reset) and then initialises (resetParameters) from `gen`.
    Linear(const LinearOptions& options, Generator& gen);

    std::string typeName() const override { return "Linear"; }
    std::string repr() const override;
    std::vector<NamedParameter<T>> namedParameters() override;
    /// kaiming_uniform_(weight, a=sqrt(5)); bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    void resetParameters(Generator& gen) override;
    Shape outputShape(const Shape& input) const override;
    /// x: (N, in_features) -> y: (N, out_features)
    void forward(const Matrix<T>& x, Matrix<T>& y) override;
    /// gradY: (N, out_features) -> gradX: (N, in_features)
    void backward(const Matrix<T>& x, const Matrix<T>& y, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override;

    const LinearOptions& options() const { return m_options; }
    Index inFeatures() const { return m_options.in_features(); }
    Index outFeatures() const { return m_options.out_features(); }
    bool hasBias() const { return m_options.bias(); }
    Parameter<T>& weight() { return m_weight; }
    Parameter<T>& bias() { return m_bias; }

protected:
    /// Allocation only: zero weight and bias of the option's shape.
    void reset();
    /// For LazyLinear, whose in_features is not known yet: no allocation, no draw.
    struct Uninitialised {};
    Linear(const LinearOptions& options, Uninitialised) : m_options(options) {}

    LinearOptions m_options;
    Parameter<T> m_weight;
    Parameter<T> m_bias;
};

/// torch.nn.modules.linear.NonDynamicallyQuantizableLinear: a Linear under another name.
template <typename T>
class NonDynamicallyQuantizableLinear : public Linear<T> {
public:
    using Linear<T>::Linear;
    std::string typeName() const override { return "NonDynamicallyQuantizableLinear"; }
};

extern template class Linear<float>;
extern template class Linear<double>;
extern template class NonDynamicallyQuantizableLinear<float>;
extern template class NonDynamicallyQuantizableLinear<double>;

}  // namespace linearlab::nn
