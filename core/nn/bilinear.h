#pragma once
#include "core/nn/init_distribution.h"
#include "core/nn/module.h"

#include <deque>

namespace linearlab::nn {

/// torch::nn::BilinearOptions: BilinearOptions(2, 3, 4).bias(false).
class BilinearOptions {
public:
    BilinearOptions(Index in1_features, Index in2_features, Index out_features)
        : m_in1(in1_features), m_in2(in2_features), m_out(out_features) {}
    BilinearOptions& bias(bool b) {
        m_bias = b;
        return *this;
    }
    Index in1_features() const { return m_in1; }
    Index in2_features() const { return m_in2; }
    Index out_features() const { return m_out; }
    bool bias() const { return m_bias; }

private:
    Index m_in1;
    Index m_in2;
    Index m_out;
    bool m_bias = true;
};

/// The output shape of a Bilinear for inputs `input1` and `input2`: at::bilinear's
/// checks, in its words. Shared by the module and by shape inference over a design.
Shape bilinearOutputShape(const BilinearOptions& options, const Shape& input1, const Shape& input2);

/// PyTorch's repr, shared by the module and the layer table.
std::string bilinearRepr(const BilinearOptions& options);

/// The same sums run in one of two orders, each one large product: through
/// the rows of outer(x1, x2), (N, in1·in2), or, when out_features < in2,
/// through x2 times every A_k's rows, (N, out·in1). The second moves fewer
/// values per row and hands OpenBLAS shapes it packs well (Bilinear(32, 32,
/// 16): 30% faster a step).
bool bilinearThroughWeightRows(Index in2_features, Index out_features);
/// The values a batch row keeps in forward and backward together, for the
/// memory budget.
Index bilinearScratchPerRow(Index in1_features, Index in2_features, Index out_features);

/// What Bilinear.reset_parameters draws `param` ("weight" or "bias") from, for a
/// weight of `weightShape` (out_features, in1_features, in2_features): both from
/// U(-1/sqrt(in1_features), 1/sqrt(in1_features)). resetParameters draws with it.
InitDistribution bilinearResetInit(const std::string& param, const Shape& weightShape);

/// y_k = x1^T A_k x2 + b_k. weight: (out_features, in1_features, in2_features),
/// held as the (out, in1*in2) matrix of the same memory; bias: (out_features).
template <typename T>
class Bilinear : public Module<T> {
public:
    Bilinear(const BilinearOptions& options, Generator& gen);

    std::string typeName() const override { return "Bilinear"; }
    std::string repr() const override;
    std::vector<NamedParameter<T>> namedParameters() override;
    /// weight and bias ~ U(-1/sqrt(in1_features), 1/sqrt(in1_features)).
    void resetParameters(Generator& gen) override;

    /// Shape checks of at::bilinear, in its words; returns (*, out_features).
    Shape outputShape(const Shape& input1, const Shape& input2) const;
    /// One input used as both x1 and x2 (a Bilinear fed by "previous" twice).
    Shape outputShape(const Shape& input) const override { return outputShape(input, input); }

    /// x1: (N, in1), x2: (N, in2) -> y: (N, out)
    void forward(const Matrix<T>& x1, const Matrix<T>& x2, Matrix<T>& y);
    /// gradY: (N, out) -> gradX1: (N, in1), gradX2: (N, in2); either may be null.
    /// Must follow this module's forward() of the same batch, whose outer products it reuses.
    void backward(const Matrix<T>& x1, const Matrix<T>& x2, const Matrix<T>& gradY,
                  Matrix<T>* gradX1, Matrix<T>* gradX2);

    void forward(const Matrix<T>& x, Matrix<T>& y) override { forward(x, x, y); }
    void backward(const Matrix<T>& x, const Matrix<T>& y, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override;

    using Module<T>::operator();
    /// module(input1, input2) with PyTorch's shape semantics.
    Tensor<T> operator()(const Tensor<T>& x1, const Tensor<T>& x2);

    const BilinearOptions& options() const { return m_options; }
    Parameter<T>& weight() { return m_weight; }
    Parameter<T>& bias() { return m_bias; }

private:
    void reset();

    BilinearOptions m_options;
    Parameter<T> m_weight;
    Parameter<T> m_bias;
    // Workspaces, one set per batch size seen, so alternating between the training
    // batch, a short last batch and evaluation chunks never reallocates.
    // What forward keeps for backward and backward's own rows depend on the
    // order the sums run in (bilinearThroughWeightRows).
    struct Scratch {
        Index rows = 0;
        Matrix<T> kept;    // (N, out*in1): A_k x2[n]; or (N, in1*in2): x1[n] (outer) x2[n]
        Matrix<T> grad;    // (N, out*in1): gy[n] (outer) x1[n]; or (N, in1*in2): sum_k gy A_k
        Matrix<T> gradX2;  // (N, in2) for the one-input backward
    };
    /// The (out, in1*in2) weight or its gradient as (out*in1, in2): row k*in1 + i
    /// is row i of A_k.
    Eigen::Map<const Matrix<T>> weightRows(const Matrix<T>& w) const {
        return {w.data(), m_options.out_features() * m_options.in1_features(),
                m_options.in2_features()};
    }
    Eigen::Map<Matrix<T>> weightRows(Matrix<T>& w) const {
        return {w.data(), m_options.out_features() * m_options.in1_features(),
                m_options.in2_features()};
    }
    Scratch& scratchFor(Index rows);
    std::deque<Scratch> m_scratch;  // deque: references stay valid as sizes are added
};

extern template class Bilinear<float>;
extern template class Bilinear<double>;

}  // namespace linearlab::nn
