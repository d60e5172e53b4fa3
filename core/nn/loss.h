#pragma once
#include "core/nn/tensor.h"

#include <limits>
#include <stdexcept>
#include <string>

namespace linearlab::nn {

/// A criterion of torch.nn with reduction='mean'. Losses are stateless between
/// calls; the gradient goes into a caller-owned workspace, so a training loop
/// that keeps its batch size allocates nothing.
template <typename T>
class Loss {
public:
    virtual ~Loss() = default;

    /// PyTorch's class name: "MSELoss".
    virtual std::string typeName() const = 0;
    /// PyTorch's repr: "MSELoss()". No torch loss prints its arguments.
    virtual std::string repr() const { return typeName() + "()"; }

    /// output: (N, C); target: (N, C) for regression losses, (N, 1) holding class
    /// indices (as T) for CrossEntropyLoss. Returns the mean loss and writes
    /// dLoss/dOutput, (N, C), into gradOutput, which is resized only when its shape
    /// differs. N = 0 gives nan, as PyTorch's mean over nothing.
    virtual T forwardBackward(const Matrix<T>& output, const Matrix<T>& target,
                              Matrix<T>& gradOutput) = 0;
    /// The loss alone (validation). output, target as forwardBackward. Never allocates.
    virtual T forward(const Matrix<T>& output, const Matrix<T>& target) = 0;
    /// Whether targets are class indices (CrossEntropyLoss).
    virtual bool classification() const { return false; }

protected:
    static T nan() { return std::numeric_limits<T>::quiet_NaN(); }

    /// "torch.Size([2, 3])" for an (rows, cols) matrix.
    static std::string sizeString(const Matrix<T>& m) {
        return torchSizeString({m.rows(), m.cols()});
    }

    /// MSELoss, L1Loss and HuberLoss broadcast a differently shaped target with only a
    /// warning in PyTorch; here it is an error in the warning's words.
    static void checkSameSizeRegression(const Matrix<T>& output, const Matrix<T>& target) {
        if (output.rows() != target.rows() || output.cols() != target.cols())
            throw std::invalid_argument("Using a target size (" + sizeString(target) +
                                        ") that is different to the input size (" +
                                        sizeString(output) + ")");
    }

    /// Resizes only on a shape change, so a reused workspace keeps its memory.
    static void fitShape(Matrix<T>& m, const Matrix<T>& like) {
        if (m.rows() != like.rows() || m.cols() != like.cols())
            m.resize(like.rows(), like.cols());
    }
};

}  // namespace linearlab::nn
