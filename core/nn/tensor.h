#pragma once
// Tensors as Eigen matrices. Storage is row-major, as PyTorch's: a tensor of
// shape (*, H) is held as a matrix of (prod(*), H) whose memory is exactly
// PyTorch's contiguous memory.
#include <Eigen/Core>

#include <string>
#include <vector>

namespace linearlab::nn {

using Index = Eigen::Index;
using Shape = std::vector<Index>;

template <typename T>
using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T>
using RowVector = Eigen::Matrix<T, 1, Eigen::Dynamic>;

/// Number of elements of `shape`; throws std::overflow_error when it does not fit an Index.
Index numel(const Shape& shape);

/// "[128, 40]", as PyTorch prints a size in its messages.
std::string shapeString(const Shape& shape);

/// Python's repr of the shape as a tuple, as NumPy prints it: "()", "(3,)", "(2, 3)".
std::string shapeTuple(const Shape& shape);

/// "torch.Size([128, 40])", as `print(output.size())` shows it.
std::string torchSizeString(const Shape& shape);

/// A tensor of any rank >= 1: `values` is the (prod(shape[:-1]), shape[-1]) view,
/// so a 1-D tensor of shape (H) is one row.
template <typename T>
struct Tensor {
    Shape shape;
    Matrix<T> values;

    Tensor() = default;
    Tensor(Shape s, Matrix<T> v) : shape(std::move(s)), values(std::move(v)) {}
    /// Zero-filled tensor of the given shape (rank >= 1).
    static Tensor zeros(const Shape& shape);
    Index rank() const { return static_cast<Index>(shape.size()); }
    /// Product of the leading dims: the rows of `values`.
    Index rows() const { return values.rows(); }
};

/// The matrix view of a parameter of `shape`: 1-D (n) is (1, n); otherwise
/// (shape[0], prod(shape[1:])). Bilinear's (out, in1, in2) weight is (out, in1*in2).
Index parameterRows(const Shape& shape);
Index parameterCols(const Shape& shape);

}  // namespace linearlab::nn
