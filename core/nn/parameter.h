#pragma once
#include "core/nn/tensor.h"

#include <string>
#include <vector>

namespace linearlab::nn {

/// A learnable tensor and its gradient. `value.data()` is PyTorch's contiguous
/// memory for `shape`; the matrix view follows parameterRows/parameterCols.
template <typename T>
struct Parameter {
    Shape shape;
    Matrix<T> value;
    Matrix<T> grad;

    Parameter() = default;
    /// Allocates value and grad as zeros; initialisation is a separate step.
    explicit Parameter(Shape s)
        : shape(std::move(s)),
          value(Matrix<T>::Zero(parameterRows(shape), parameterCols(shape))),
          grad(Matrix<T>::Zero(parameterRows(shape), parameterCols(shape))) {}

    Index numel() const { return value.size(); }
    T* data() { return value.data(); }
    const T* data() const { return value.data(); }
};

/// A parameter as a module lists it: "weight", "bias".
template <typename T>
struct NamedParameter {
    std::string name;
    Parameter<T>* parameter;
};

}  // namespace linearlab::nn
