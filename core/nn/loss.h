#pragma once
#include "core/nn/tensor.h"

#include <limits>
#include <stdexcept>
#include <string>

namespace linearlab::nn {

/// torch's reduction= argument: what a loss does with its per-element values.
enum class Reduction { Mean, Sum, None };

/// "mean", "sum", "none" -> Reduction; throws std::invalid_argument in torch's words
/// ("foo is not a valid value for reduction") for anything else.
Reduction reductionFromName(const std::string& name);

/// A number as torch's C++ messages print a double (ostream's default): 1.5, 2, 1e-07.
std::string lossNumberText(double value);

/// A criterion of torch.nn. Losses are stateless between calls; the gradient goes
/// into a caller-owned workspace, so a training loop that keeps its batch size
/// allocates nothing.
///
/// Every entry point takes the matrix view of torch's tensors: output (N, C);
/// target (N, C) for regression losses and probability targets, (N, 1) holding
/// class indices (as T) for CrossEntropyLoss. N = 0 gives nan under 'mean', as
/// PyTorch's mean over nothing. Other shapes (broadcasting, a class dim that is not
/// the last) go through shapedLoss() (core/nn/shaped_loss.h), which reduces them
/// to this view.
template <typename T>
class Loss {
public:
    explicit Loss(Reduction reduction = Reduction::Mean) : m_reduction(reduction) {}
    virtual ~Loss() = default;

    /// PyTorch's class name: "MSELoss".
    virtual std::string typeName() const = 0;
    /// PyTorch's repr: "MSELoss()". No torch loss prints its arguments.
    virtual std::string repr() const { return typeName() + "()"; }
    Reduction reduction() const { return m_reduction; }

    /// The reduced loss ('mean' or 'sum'); writes dLoss/dOutput, (N, C), into
    /// gradOutput, which is resized only when its shape differs. Under 'none' it
    /// throws, as torch's backward() of a loss that is not a scalar does.
    T forwardBackward(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>& gradOutput) {
        requireScalar();
        return compute(output, target, &gradOutput, nullptr);
    }
    /// The loss alone (validation). Never allocates. Throws under 'none'.
    T forward(const Matrix<T>& output, const Matrix<T>& target) {
        requireScalar();
        return compute(output, target, nullptr, nullptr);
    }
    /// Under 'none': the per-element losses, (N, C) for element-wise losses and (N, 1)
    /// for CrossEntropyLoss, into `elements`; gradOutput (if not null) receives the
    /// gradient of their sum, loss.backward(torch.ones_like(loss)). Under 'mean' or
    /// 'sum', `elements` is the (1, 1) loss. Either is resized as needed.
    void forwardElements(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>& elements,
                         Matrix<T>* gradOutput) {
        if (m_reduction == Reduction::None) {
            compute(output, target, gradOutput, &elements);
            return;
        }
        const T value = compute(output, target, gradOutput, nullptr);
        elements.resize(1, 1);
        elements(0, 0) = value;
    }
    /// Whether targets may be class indices (CrossEntropyLoss).
    virtual bool classification() const { return false; }
    /// Throws std::invalid_argument, in torch's words, when the keywords cannot meet an
    /// (rows, cols) output (a weight per class of another length), so a design says so
    /// before its first step.
    virtual void checkOutputShape(Index rows, Index cols) const {
        static_cast<void>(rows);
        static_cast<void>(cols);
    }

protected:
    /// The one implementation behind every entry point: returns the reduced loss
    /// (unused under 'none', where `elements` receives the per-element values) and
    /// writes its gradient into gradOutput when that is not null.
    virtual T compute(const Matrix<T>& output, const Matrix<T>& target, Matrix<T>* gradOutput,
                      Matrix<T>* elements) = 0;

    static T nan() { return std::numeric_limits<T>::quiet_NaN(); }

    /// "torch.Size([2, 3])" for an (rows, cols) matrix.
    static std::string sizeString(const Matrix<T>& m) {
        return torchSizeString({m.rows(), m.cols()});
    }

    /// MSELoss, L1Loss and HuberLoss broadcast a differently shaped target in
    /// PyTorch; shapedLoss() does that. This view takes equal shapes only.
    static void checkSameSizeRegression(const Matrix<T>& output, const Matrix<T>& target) {
        if (output.rows() != target.rows() || output.cols() != target.cols())
            throw std::invalid_argument("Using a target size (" + sizeString(target) +
                                        ") that is different to the input size (" +
                                        sizeString(output) + ")");
    }

    /// Resizes only on a shape change, so a reused workspace keeps its memory.
    static void fitShape(Matrix<T>& m, Index rows, Index cols) {
        if (m.rows() != rows || m.cols() != cols)
            m.resize(rows, cols);
    }
    static void fitShape(Matrix<T>& m, const Matrix<T>& like) {
        fitShape(m, like.rows(), like.cols());
    }

    /// The divisor of 'mean' (n) or 1 for 'sum' and 'none'.
    double norm(Index n) const {
        return m_reduction == Reduction::Mean ? static_cast<double>(n) : 1.0;
    }
    /// The reduced value of a sum over n elements: nan for a mean over nothing. Sums
    /// are accumulated in double, which stays within an ulp of torch's cascade sum
    /// where a running float sum would not; the mean divides in T, as torch's.
    T reduce(double sum, Index n) const {
        const T total = static_cast<T>(sum);
        if (m_reduction != Reduction::Mean)
            return total;
        return n == 0 ? nan() : total / static_cast<T>(n);
    }

private:
    void requireScalar() const {
        if (m_reduction == Reduction::None)
            throw std::invalid_argument("grad can be implicitly created only for scalar outputs");
    }

    Reduction m_reduction;
};

}  // namespace linearlab::nn
