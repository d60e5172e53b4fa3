#include "core/io/tensor_values.h"

#include "core/io/io_util.h"

#include <cstring>
#include <stdexcept>

namespace linearlab::io {

std::size_t TensorValues::size() const {
    return std::visit([](const auto& v) { return v.size(); }, m_values);
}

const std::vector<float>& TensorValues::float32() const {
    if (const auto* v = std::get_if<std::vector<float>>(&m_values))
        return *v;
    throw std::logic_error("float64 values read as float32");
}

std::vector<float>& TensorValues::float32() {
    if (auto* v = std::get_if<std::vector<float>>(&m_values))
        return *v;
    throw std::logic_error("float64 values read as float32");
}

const std::vector<double>& TensorValues::float64() const {
    if (const auto* v = std::get_if<std::vector<double>>(&m_values))
        return *v;
    throw std::logic_error("float32 values read as float64");
}

std::vector<double>& TensorValues::float64() {
    if (auto* v = std::get_if<std::vector<double>>(&m_values))
        return *v;
    throw std::logic_error("float32 values read as float64");
}

template <>
float TensorValues::at<float>(std::size_t i) const {
    if (const auto* v = std::get_if<std::vector<float>>(&m_values))
        return (*v)[i];
    return detail::doubleToFloat(std::get<std::vector<double>>(m_values)[i]);
}

template <>
double TensorValues::at<double>(std::size_t i) const {
    if (const auto* v = std::get_if<std::vector<double>>(&m_values))
        return (*v)[i];
    return static_cast<double>(std::get<std::vector<float>>(m_values)[i]);  // exact
}

template <typename T>
std::vector<T> TensorValues::to() const {
    std::vector<T> out(size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = at<T>(i);
    return out;
}

template std::vector<float> TensorValues::to<float>() const;
template std::vector<double> TensorValues::to<double>() const;

TensorValues TensorValues::convertedTo(nn::DType dtype) const {
    if (dtype == nn::DType::Float64)
        return TensorValues(to<double>());
    return TensorValues(to<float>());
}

const void* TensorValues::data() const {
    return std::visit([](const auto& v) { return static_cast<const void*>(v.data()); }, m_values);
}

bool TensorValues::operator==(const TensorValues& o) const {
    return dtype() == o.dtype() && size() == o.size() &&
           (empty() || std::memcmp(data(), o.data(), byteSize()) == 0);
}

}  // namespace linearlab::io
