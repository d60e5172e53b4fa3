#pragma once
#include "core/nn/module.h"

namespace linearlab::nn {

/// An element-wise, parameter-free function: any shape in, the same shape out.
/// Subclasses give forward and backward as Eigen array expressions.
template <typename T>
class Activation : public Module<T> {
public:
    std::string repr() const override { return this->typeName() + "(" + extraRepr() + ")"; }
    Shape outputShape(const Shape& input) const override { return input; }

protected:
    /// PyTorch's extra_repr(): the arguments inside the parentheses.
    virtual std::string extraRepr() const { return {}; }
};

}  // namespace linearlab::nn
