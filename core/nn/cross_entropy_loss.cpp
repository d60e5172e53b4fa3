#include "core/nn/cross_entropy_loss.h"

#include "core/nn/loss_table.h"

#include <cmath>

namespace linearlab::nn {

namespace {

/// max and log(sum(exp(x - max))) of one row, as PyTorch's log_softmax kernel.
template <typename T>
void rowStats(const Matrix<T>& output, Index row, T& max, T& logSum) {
    max = output.row(row).maxCoeff();
    logSum = std::log((output.row(row).array() - max).exp().sum());
}

/// log_softmax's backward on one row: g_c - softmax_c * sum(g), where the row of
/// gradOutput holds log p on entry and g is given by `g(c)`.
template <typename T, typename G>
void logSoftmaxBackward(Matrix<T>& gradOutput, Index row, G g) {
    T sum = 0;
    for (Index c = 0; c < gradOutput.cols(); ++c)
        sum += g(c);
    for (Index c = 0; c < gradOutput.cols(); ++c)
        gradOutput(row, c) = g(c) - std::exp(gradOutput(row, c)) * sum;
}

}  // namespace

template <typename T>
CrossEntropyLoss<T>::CrossEntropyLoss(CrossEntropyOptions options)
    : Loss<T>(options.reduction), m_options(std::move(options)) {
    if (const std::string problem =
            lossValueProblem(LossKeyword::label_smoothing, m_options.label_smoothing);
        !problem.empty())
        throw std::invalid_argument(problem);
    m_weight.resize(static_cast<Index>(m_options.weight.size()));
    for (Index i = 0; i < m_weight.size(); ++i)
        m_weight(i) = static_cast<T>(m_options.weight[static_cast<size_t>(i)]);
}

template <typename T>
bool CrossEntropyLoss<T>::probabilities(const Matrix<T>& output, const Matrix<T>& target) const {
    if (m_targets != Targets::Auto)
        return m_targets == Targets::Probabilities;
    return output.cols() > 1 && target.cols() == output.cols() && target.rows() == output.rows();
}

template <typename T>
void CrossEntropyLoss<T>::checkWeight(Index classes, bool probabilities) const {
    if (m_weight.size() == 0 || m_weight.size() == classes)
        return;
    throw std::invalid_argument(
        std::string(probabilities ? "cross_entropy: " : "") +
        "weight tensor should be defined either for all " + std::to_string(classes) +
        " classes or no classes but got weight tensor of shape: " + shapeString({m_weight.size()}));
}

template <typename T>
void CrossEntropyLoss<T>::checkOutputShape(Index /*rows*/, Index cols) const {
    checkWeight(cols, false);
}

template <typename T>
T CrossEntropyLoss<T>::checkIndices(const Matrix<T>& output, const Matrix<T>& target) const {
    if (target.cols() != 1)
        throw std::invalid_argument("0D or 1D target tensor expected, multi-target not supported");
    if (target.rows() != output.rows())
        throw std::invalid_argument("Expected input batch_size (" + std::to_string(output.rows()) +
                                    ") to match target batch_size (" +
                                    std::to_string(target.rows()) + ").");
    checkWeight(output.cols(), false);
    T total = 0;
    for (Index n = 0; n < target.rows(); ++n) {
        const T v = target(n, 0);
        if (!(std::isfinite(v) && std::floor(v) == v))
            throw std::invalid_argument("Target " + lossNumberText(static_cast<double>(v)) +
                                        " is not a class index.");
        const auto index = static_cast<long long>(v);
        if (index == m_options.ignore_index)
            continue;
        if (index < 0 || index >= output.cols())
            throw std::invalid_argument("Target " + std::to_string(index) + " is out of bounds.");
        total += classWeight(static_cast<Index>(index));
    }
    return total;
}

template <typename T>
T CrossEntropyLoss<T>::compute(const Matrix<T>& output, const Matrix<T>& target,
                               Matrix<T>* gradOutput, Matrix<T>* elements) {
    if (probabilities(output, target))
        return computeProbabilities(output, target, gradOutput, elements);
    return computeIndices(output, target, gradOutput, elements);
}

template <typename T>
T CrossEntropyLoss<T>::computeIndices(const Matrix<T>& output, const Matrix<T>& target,
                                      Matrix<T>* gradOutput, Matrix<T>* elements) {
    const T total = checkIndices(output, target);
    const Index classes = output.cols();
    // A non-positive label_smoothing is no smoothing, as torch's `> 0.0` test.
    const double ls = m_options.label_smoothing > 0 ? m_options.label_smoothing : 0.0;
    const bool mean = this->reduction() == Reduction::Mean;
    const T keep = static_cast<T>(1 - ls), spread = static_cast<T>(ls / classes);
    // d(loss)/d(log p): nll_loss_backward's -(grad / total_weight) * w[target], and
    // the smoothing term's -w_c * (ls / C) / total_weight.
    const T nllCoef = mean ? -(keep / total) : -keep;
    const T smoothCoef = mean ? -(spread / total) : -spread;
    if (gradOutput)
        this->fitShape(*gradOutput, output);
    if (elements)
        this->fitShape(*elements, output.rows(), 1);
    double nllSum = 0, smoothSum = 0;
    for (Index n = 0; n < output.rows(); ++n) {
        const auto index = static_cast<long long>(target(n, 0));
        if (index == m_options.ignore_index) {
            if (gradOutput)
                gradOutput->row(n).setZero();
            if (elements)
                (*elements)(n, 0) = 0;
            continue;
        }
        const Index t = static_cast<Index>(index);
        T max, logSum;
        rowStats(output, n, max, logSum);
        // (x - max) - log(sum) in that order, as PyTorch keeps it for large logits.
        const T wt = classWeight(t);
        const T nll = -(wt * ((output(n, t) - max) - logSum));
        T smooth = 0;
        if (ls > 0)
            for (Index c = 0; c < classes; ++c)
                smooth -= ((output(n, c) - max) - logSum) * classWeight(c);
        nllSum += nll;
        smoothSum += smooth;
        if (elements)
            (*elements)(n, 0) = ls > 0 ? keep * nll + smooth * spread : nll;
        if (gradOutput) {
            gradOutput->row(n).array() = (output.row(n).array() - max) - logSum;
            logSoftmaxBackward(*gradOutput, n, [&](Index c) {
                T g = ls > 0 ? smoothCoef * classWeight(c) : T(0);
                if (c == t)
                    g += nllCoef * wt;
                return g;
            });
        }
    }
    const T nllTotal = static_cast<T>(nllSum), smoothTotal = static_cast<T>(smoothSum);
    if (!mean)
        return ls > 0 ? keep * nllTotal + smoothTotal * spread : nllTotal;
    // 0 / 0 when every row is ignored: nan, as PyTorch.
    if (ls > 0)
        return keep * (nllTotal / total) + (smoothTotal / total) * spread;
    return nllTotal / total;
}

template <typename T>
T CrossEntropyLoss<T>::computeProbabilities(const Matrix<T>& output, const Matrix<T>& target,
                                            Matrix<T>* gradOutput, Matrix<T>* elements) {
    if (target.rows() != output.rows() || target.cols() != output.cols())
        throw std::invalid_argument("0D or 1D target tensor expected, multi-target not supported");
    const Index classes = output.cols();
    checkWeight(classes, true);
    if (m_options.ignore_index >= 0)
        throw std::invalid_argument("ignore_index is not supported for floating point target");
    const double ls = m_options.label_smoothing > 0 ? m_options.label_smoothing : 0.0;
    const T keep = static_cast<T>(1 - ls), spread = static_cast<T>(ls / classes);
    const auto smoothed = [&](Index n, Index c) {
        return ls > 0 ? target(n, c) * keep + spread : target(n, c);
    };
    const bool mean = this->reduction() == Reduction::Mean;
    // -(log p * t * w).sum() / rows: its gradient in log p is (-(1/rows) * w_c) * t_c.
    const T coef = mean ? -(T(1) / static_cast<T>(output.rows())) : T(-1);
    if (gradOutput)
        this->fitShape(*gradOutput, output);
    if (elements)
        this->fitShape(*elements, output.rows(), 1);
    double sum = 0;
    for (Index n = 0; n < output.rows(); ++n) {
        T max, logSum;
        rowStats(output, n, max, logSum);
        T row = 0;
        for (Index c = 0; c < classes; ++c)
            row += ((output(n, c) - max) - logSum) * smoothed(n, c) * classWeight(c);
        sum += row;
        if (elements)
            (*elements)(n, 0) = -row;
        if (gradOutput) {
            gradOutput->row(n).array() = (output.row(n).array() - max) - logSum;
            logSoftmaxBackward(*gradOutput, n,
                               [&](Index c) { return coef * classWeight(c) * smoothed(n, c); });
        }
    }
    return this->reduce(-sum, output.rows());
}

template class CrossEntropyLoss<float>;
template class CrossEntropyLoss<double>;

}  // namespace linearlab::nn
