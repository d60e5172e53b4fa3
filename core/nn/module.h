#pragma once
#include "core/nn/generator.h"
#include "core/nn/parameter.h"
#include "core/nn/tensor.h"

#include <string>
#include <vector>

namespace linearlab::nn {

/// A layer with PyTorch's semantics. Every module reads one (N, features) matrix;
/// Bilinear adds a two-input form of its own. Leading dims are flattened into N
/// by the Tensor form, operator(), exactly as PyTorch's matmul folds them.
template <typename T>
class Module {
public:
    virtual ~Module() = default;

    /// PyTorch's class name: "Linear", "ReLU".
    virtual std::string typeName() const = 0;
    /// PyTorch's repr: "Linear(in_features=20, out_features=40, bias=True)".
    virtual std::string repr() const = 0;

    /// The one list of this module's parameters, in PyTorch's registration order
    /// ("weight", then "bias"). Optimizers, export, import and views iterate it.
    virtual std::vector<NamedParameter<T>> namedParameters() { return {}; }

    /// Re-draws every parameter as PyTorch's reset_parameters() does.
    virtual void resetParameters(Generator&) {}

    /// module.train() (true) or module.eval() (false, the default here): a layer
    /// that acts differently while training (Dropout) draws from `gen` then.
    virtual void setTraining(bool /*training*/, Generator* /*gen*/) {}

    /// The output shape for an input of `input`; throws std::invalid_argument in
    /// PyTorch's words when the module cannot take it.
    virtual Shape outputShape(const Shape& input) const = 0;

    /// x: (N, in_features) -> y: (N, out_features). `y` is resized only when its
    /// shape differs, so a preallocated workspace is reused without allocating.
    virtual void forward(const Matrix<T>& x, Matrix<T>& y) = 0;

    /// gradY: (N, out_features) -> gradX: (N, in_features), when gradX is not null.
    /// Parameter gradients accumulate, as autograd's do; x and y are the forward's.
    virtual void backward(const Matrix<T>& x, const Matrix<T>& y, const Matrix<T>& gradY,
                          Matrix<T>* gradX) = 0;

    /// As module.zero_grad(): every parameter gradient to zero.
    void zeroGrad() {
        for (auto& p : namedParameters())
            p.parameter->grad.setZero();
    }

    /// Number of learnable values.
    Index parameterCount() {
        Index n = 0;
        for (auto& p : namedParameters())
            n += p.parameter->numel();
        return n;
    }

    /// (*, H_in) -> (*, H_out), the leading dims kept: module(input) in PyTorch.
    Tensor<T> operator()(const Tensor<T>& x) {
        Tensor<T> y;
        y.shape = outputShape(x.shape);
        forward(x.values, y.values);
        return y;
    }
};

}  // namespace linearlab::nn
