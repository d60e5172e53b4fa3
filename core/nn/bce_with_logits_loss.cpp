#include "core/nn/bce_with_logits_loss.h"

#include <cmath>

namespace linearlab::nn {

namespace {

template <typename T>
RowVector<T> rowOf(const std::vector<double>& values) {
    RowVector<T> v(static_cast<Index>(values.size()));
    for (Index i = 0; i < v.size(); ++i)
        v(i) = static_cast<T>(values[static_cast<size_t>(i)]);
    return v;
}

}  // namespace

template <typename T>
BCEWithLogitsLoss<T>::BCEWithLogitsLoss(std::vector<double> weight, std::vector<double> posWeight,
                                        Reduction reduction)
    : Loss<T>(reduction), m_weight(rowOf<T>(weight)), m_posWeight(rowOf<T>(posWeight)) {}

template <typename T>
void BCEWithLogitsLoss<T>::checkOutputShape(Index rows, Index cols) const {
    checkWeights(rows, cols, nullptr);
}

template <typename T>
void BCEWithLogitsLoss<T>::checkOutputShape(const Shape& shape) const {
    checkWeights(0, shape.empty() ? 1 : shape.back(), &shape);
}

template <typename T>
void BCEWithLogitsLoss<T>::checkWeights(Index rows, Index c, const Shape* shape) const {
    // Both multiply in place into a tensor shaped like the output, so neither may
    // grow it: a length other than 1 or C is an error, as in torch.
    // pos_weight is applied first; torch names it tensor a, weight tensor b.
    for (const RowVector<T>* w : {&m_posWeight, &m_weight}) {
        const Index len = w->size();
        if (len == 0 || len == 1 || len == c)
            continue;
        // Messages are built only here, so a training step never allocates for them.
        const Shape out = shape ? *shape : Shape{rows, c};
        if (c == 1) {
            Shape grown = out;
            grown.back() = len;
            throw std::invalid_argument("output with shape " + shapeString(out) +
                                        " doesn't match the broadcast shape " + shapeString(grown));
        }
        const bool pos = w == &m_posWeight;
        throw std::invalid_argument(
            "The size of tensor a (" + std::to_string(pos ? len : c) +
            ") must match the size of tensor b (" + std::to_string(pos ? c : len) +
            ") at non-singleton dimension " + std::to_string(out.size() - 1));
    }
}

template <typename T>
T BCEWithLogitsLoss<T>::compute(const Matrix<T>& output, const Matrix<T>& target,
                                Matrix<T>* gradOutput, Matrix<T>* elements) {
    if (output.rows() != target.rows() || output.cols() != target.cols())
        throw std::invalid_argument("Target size (" + this->sizeString(target) +
                                    ") must be the same as input size (" +
                                    this->sizeString(output) + ")");
    checkWeights(output.rows(), output.cols(), nullptr);
    const bool weighted = m_weight.size() > 0, positive = m_posWeight.size() > 0;
    const Index wStride = m_weight.size() > 1, pStride = m_posWeight.size() > 1;
    // binary_cross_entropy_with_logits_backward divides by input.numel() under 'mean'.
    const T n = static_cast<T>(output.size());
    if (gradOutput)
        this->fitShape(*gradOutput, output);
    if (elements)
        this->fitShape(*elements, output);
    double sum = 0;
    for (Index r = 0; r < output.rows(); ++r)
        for (Index c = 0; c < output.cols(); ++c) {
            const T x = output(r, c), t = target(r, c);
            const T w = weighted ? m_weight(c * wStride) : T(1);
            const T m = std::max(-x, T(0));
            const T logTerm = std::log(std::exp(-m) + std::exp(-x - m));
            T loss;
            if (positive) {
                const T p = m_posWeight(c * pStride);
                const T logWeight = (p - 1) * t + 1;
                loss = (1 - t) * x + logWeight * (logTerm + m);
            } else {
                loss = (1 - t) * x + m + logTerm;
            }
            if (weighted)
                loss *= w;
            if (elements)
                (*elements)(r, c) = loss;
            sum += loss;
            if (gradOutput) {
                const T s = T(1) / (T(1) + std::exp(-x));
                T g;
                if (positive) {
                    const T pt = m_posWeight(c * pStride) * t;
                    g = (pt + 1 - t) * s - pt;
                } else {
                    g = s - t;
                }
                if (weighted)
                    g *= w;
                if (this->reduction() == Reduction::Mean)
                    g /= n;
                (*gradOutput)(r, c) = g;
            }
        }
    return this->reduce(sum, output.size());
}

template class BCEWithLogitsLoss<float>;
template class BCEWithLogitsLoss<double>;

}  // namespace linearlab::nn
