#include "core/nn/tensor.h"

#include <limits>
#include <stdexcept>

namespace linearlab::nn {

Index numel(const Shape& shape) {
    Index n = 1;
    for (Index d : shape) {
        if (d < 0)
            throw std::invalid_argument("Trying to create tensor with negative dimension " +
                                        std::to_string(d) + ": " + shapeString(shape));
        if (d != 0 && n > std::numeric_limits<Index>::max() / d)
            throw std::overflow_error("shape " + shapeString(shape) + " has too many elements");
        n *= d;
    }
    return n;
}

std::string shapeString(const Shape& shape) {
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i)
            s += ", ";
        s += std::to_string(shape[i]);
    }
    return s + "]";
}

std::string shapeTuple(const Shape& shape) {
    std::string s = "(";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    if (shape.size() == 1)
        s += ",";  // (3,) is a tuple, (3) is not
    return s + ")";
}

std::string torchSizeString(const Shape& shape) {
    return "torch.Size(" + shapeString(shape) + ")";
}

template <typename T>
Tensor<T> Tensor<T>::zeros(const Shape& shape) {
    if (shape.empty())
        throw std::invalid_argument("a LinearLab tensor has at least one dimension");
    const Index cols = shape.back();
    const Index total = numel(shape);
    const Index rows = cols == 0 ? numel(Shape(shape.begin(), shape.end() - 1)) : total / cols;
    return Tensor(shape, Matrix<T>::Zero(rows, cols));
}

Index parameterRows(const Shape& shape) {
    numel(shape);  // a negative size is rejected with the whole shape in the message, as PyTorch's
    if (shape.size() <= 1)
        return 1;
    return shape[0];
}

Index parameterCols(const Shape& shape) {
    numel(shape);
    if (shape.empty())
        return 1;
    if (shape.size() == 1)
        return shape[0];
    return numel(Shape(shape.begin() + 1, shape.end()));
}

template struct Tensor<float>;
template struct Tensor<double>;

}  // namespace linearlab::nn
