#pragma once
// A tensor's values exactly as a file or a network holds them: float32 or
// float64, never one passed through the other. Converting between the two is
// what Tensor.copy_ does when load_state_dict copies a checkpoint into a model
// of the other dtype.
#include "core/nn/dtype.h"

#include <cstddef>
#include <initializer_list>
#include <variant>
#include <vector>

namespace linearlab::io {

class TensorValues {
public:
    TensorValues() = default;
    TensorValues(std::vector<float> values) : m_values(std::move(values)) {}
    TensorValues(std::vector<double> values) : m_values(std::move(values)) {}
    TensorValues(std::initializer_list<float> values) : m_values(std::vector<float>(values)) {}

    nn::DType dtype() const {
        return m_values.index() == 0 ? nn::DType::Float32 : nn::DType::Float64;
    }
    std::size_t size() const;
    bool empty() const { return size() == 0; }

    /// The values themselves; std::logic_error when they are of the other dtype.
    const std::vector<float>& float32() const;
    std::vector<float>& float32();
    const std::vector<double>& float64() const;
    std::vector<double>& float64();

    /// Value i as T, rounded as copy_ rounds float64 to float32 (to nearest;
    /// beyond float's range +-inf).
    template <typename T>
    T at(std::size_t i) const;
    /// Every value as T, as at() converts them.
    template <typename T>
    std::vector<T> to() const;
    /// These values converted to `dtype` (a copy when they already are).
    TensorValues convertedTo(nn::DType dtype) const;

    /// The values' bytes, size() * nn::dtypeSize(dtype()).
    const void* data() const;
    std::size_t byteSize() const { return size() * nn::dtypeSize(dtype()); }

    /// Bit for bit: the same dtype, NaN equals the same NaN, -0.0 differs from 0.0.
    bool operator==(const TensorValues& o) const;
    bool operator!=(const TensorValues& o) const { return !(*this == o); }

private:
    std::variant<std::vector<float>, std::vector<double>> m_values;
};

template <>
float TensorValues::at<float>(std::size_t i) const;
template <>
double TensorValues::at<double>(std::size_t i) const;

}  // namespace linearlab::io
