#include "core/nn/shaped_loss.h"

#include "core/nn/bce_with_logits_loss.h"
#include "core/nn/cross_entropy_loss.h"

#include <algorithm>

namespace linearlab::nn {

Shape broadcastShapes(const Shape& a, const Shape& b) {
    const size_t rank = std::max(a.size(), b.size());
    Shape out(rank);
    for (size_t i = 0; i < rank; ++i) {
        // Aligned from the right, as torch broadcasts.
        const Index da = i + a.size() >= rank ? a[i + a.size() - rank] : 1;
        const Index db = i + b.size() >= rank ? b[i + b.size() - rank] : 1;
        if (da != db && da != 1 && db != 1)
            throw std::invalid_argument("The size of tensor a (" + std::to_string(da) +
                                        ") must match the size of tensor b (" + std::to_string(db) +
                                        ") at non-singleton dimension " + std::to_string(i));
        out[i] = da == 1 ? db : da;
    }
    return out;
}

namespace {

/// Rows of the matrix view of `shape`: prod(shape[:-1]); 1 for a 0-d or 1-D tensor.
Index viewRows(const Shape& shape) {
    return shape.size() < 2 ? 1 : numel(Shape(shape.begin(), shape.end() - 1));
}
Index viewCols(const Shape& shape) {
    return shape.empty() ? 1 : shape.back();
}

/// For each element of `to` in row-major order, the offset of the element of a
/// tensor of `from` (broadcast to `to`) it reads.
std::vector<Index> broadcastOffsets(const Shape& from, const Shape& to) {
    const size_t rank = to.size();
    std::vector<Index> strides(rank, 0);
    Index stride = 1;
    for (size_t k = 0; k < from.size(); ++k) {
        const size_t j = from.size() - 1 - k, i = rank - 1 - k;
        strides[i] = from[j] == 1 ? 0 : stride;
        stride *= from[j];
    }
    std::vector<Index> offsets(static_cast<size_t>(numel(to)));
    std::vector<Index> counter(rank, 0);
    Index offset = 0;
    for (Index& o : offsets) {
        o = offset;
        for (size_t i = rank; i-- > 0;) {
            offset += strides[i];
            if (++counter[i] < to[i])
                break;
            offset -= strides[i] * to[i];
            counter[i] = 0;
        }
    }
    return offsets;
}

template <typename T>
void setValues(ShapedLossResult<T>& r, Shape shape, const Matrix<T>& elements) {
    r.shape = std::move(shape);
    r.values.assign(elements.data(), elements.data() + elements.size());
}

template <typename T>
ShapedLossResult<T> regression(Loss<T>& loss, const Shape& outputShape, const Matrix<T>& output,
                               const LossTarget<T>& target, bool withGradient) {
    ShapedLossResult<T> r;
    if (target.shape != outputShape)
        r.warning = "Using a target size (" + torchSizeString(target.shape) +
                    ") that is different to the input size (" + torchSizeString(outputShape) +
                    "). This will likely lead to incorrect results due to broadcasting. "
                    "Please ensure they have the same size.";
    // torch.broadcast_tensors(input, target), then the loss on the expanded pair.
    const Shape shape = broadcastShapes(outputShape, target.shape);
    const std::vector<Index> fromOutput = broadcastOffsets(outputShape, shape);
    const std::vector<Index> fromTarget = broadcastOffsets(target.shape, shape);
    Matrix<T> o(viewRows(shape), viewCols(shape)), t(o.rows(), o.cols());
    for (size_t i = 0; i < fromOutput.size(); ++i) {
        o.data()[i] = output.data()[fromOutput[i]];
        t.data()[i] = target.values[static_cast<size_t>(fromTarget[i])];
    }
    Matrix<T> elements, grad;
    loss.forwardElements(o, t, elements, withGradient ? &grad : nullptr);
    setValues(r, loss.reduction() == Reduction::None ? shape : Shape{}, elements);
    if (withGradient) {
        // expand's backward: the sum over every broadcast copy.
        r.gradOutput = Matrix<T>::Zero(output.rows(), output.cols());
        for (size_t i = 0; i < fromOutput.size(); ++i)
            r.gradOutput.data()[fromOutput[i]] += grad.data()[i];
    }
    return r;
}

template <typename T>
ShapedLossResult<T> binary(BCEWithLogitsLoss<T>& loss, const Shape& outputShape,
                           const Matrix<T>& output, const LossTarget<T>& target,
                           bool withGradient) {
    if (target.shape != outputShape)
        throw std::invalid_argument("Target size (" + torchSizeString(target.shape) +
                                    ") must be the same as input size (" +
                                    torchSizeString(outputShape) + ")");
    if (target.scalarType != "Float" && target.scalarType != "Double")
        throw std::invalid_argument("result type Float can't be cast to the desired output type " +
                                    target.scalarType);
    loss.checkOutputShape(outputShape);
    ShapedLossResult<T> r;
    const Matrix<T> t =
        Eigen::Map<const Matrix<T>>(target.values.data(), output.rows(), output.cols());
    Matrix<T> elements;
    loss.forwardElements(output, t, elements, withGradient ? &r.gradOutput : nullptr);
    setValues(r, loss.reduction() == Reduction::None ? outputShape : Shape{}, elements);
    return r;
}

/// An (N, C, d1, ...) tensor's values as (N * d1 * ..., C): class dim last.
template <typename T>
Matrix<T> classesLast(const T* data, Index outer, Index classes, Index inner) {
    Matrix<T> m(outer * inner, classes);
    for (Index n = 0; n < outer; ++n)
        for (Index c = 0; c < classes; ++c)
            for (Index i = 0; i < inner; ++i)
                m(n * inner + i, c) = data[(n * classes + c) * inner + i];
    return m;
}

template <typename T>
void checkIndexTarget(const Shape& out, const Shape& target) {
    const size_t rank = out.size();
    const auto fail = [](const std::string& message) { throw std::invalid_argument(message); };
    if (rank >= 2) {
        const Index batch = target.empty() ? 0 : target[0];
        if (batch != out[0])
            fail("Expected input batch_size (" + std::to_string(out[0]) +
                 ") to match target batch_size (" + std::to_string(batch) + ").");
    }
    if (rank <= 2) {
        if (target.size() >= 2)
            fail("0D or 1D target tensor expected, multi-target not supported");
        if (rank == 1 && target.size() == 1)
            fail("size mismatch (got input: " + shapeString(out) +
                 ", target: " + shapeString(target) + ")");
        return;
    }
    Shape expected{out[0]};
    expected.insert(expected.end(), out.begin() + 2, out.end());
    if (target == expected)
        return;
    if (rank == 4)  // nll_loss2d's own check, spacing and all
        fail("size mismatch (got input: " + shapeString(out) + " , target: " + shapeString(target));
    fail("Expected target size " + shapeString(expected) + ", got " + shapeString(target));
}

template <typename T>
ShapedLossResult<T> crossEntropy(CrossEntropyLoss<T>& loss, const Shape& outputShape,
                                 const Matrix<T>& output, const LossTarget<T>& target,
                                 bool withGradient) {
    const size_t rank = outputShape.size();
    const size_t classDim = rank == 1 ? 0 : 1;
    const Index classes = outputShape[classDim];
    const Index outer = rank == 1 ? 1 : outputShape[0];
    const Index inner = rank <= 2 ? 1 : numel(Shape(outputShape.begin() + 2, outputShape.end()));
    Shape reduced = outputShape;  // the loss per element: the output without its class dim
    reduced.erase(reduced.begin() + static_cast<std::ptrdiff_t>(classDim));
    const bool floating = target.scalarType == "Float" || target.scalarType == "Double";

    const Matrix<T> o = classesLast(output.data(), outer, classes, inner);
    Matrix<T> t;
    // torch takes a target of the output's size as probabilities, any other as indices.
    const bool probabilities = target.shape == outputShape;
    if (probabilities) {
        if (!floating)
            throw std::invalid_argument(
                "Expected floating point type for target with class probabilities, got " +
                target.scalarType);
        t = classesLast(target.values.data(), outer, classes, inner);
    } else {
        checkIndexTarget<T>(outputShape, target.shape);
        if (target.scalarType != "Long")
            throw std::invalid_argument("expected scalar type Long but found " + target.scalarType);
        t = Eigen::Map<const Matrix<T>>(target.values.data(), outer * inner, 1);
    }
    using Targets = typename CrossEntropyLoss<T>::Targets;
    loss.setTargets(probabilities ? Targets::Probabilities : Targets::Indices);
    ShapedLossResult<T> r;
    Matrix<T> elements, grad;
    try {
        loss.forwardElements(o, t, elements, withGradient ? &grad : nullptr);
    } catch (...) {
        loss.setTargets(Targets::Auto);
        throw;
    }
    loss.setTargets(Targets::Auto);
    setValues(r, loss.reduction() == Reduction::None ? reduced : Shape{}, elements);
    if (withGradient) {
        r.gradOutput.resize(output.rows(), output.cols());
        T* g = r.gradOutput.data();
        for (Index n = 0; n < outer; ++n)
            for (Index c = 0; c < classes; ++c)
                for (Index i = 0; i < inner; ++i)
                    g[(n * classes + c) * inner + i] = grad(n * inner + i, c);
    }
    return r;
}

}  // namespace

template <typename T>
ShapedLossResult<T> shapedLoss(Loss<T>& loss, const Shape& outputShape, const Matrix<T>& output,
                               const LossTarget<T>& target, bool withGradient) {
    if (outputShape.empty() || numel(outputShape) != output.size())
        throw std::logic_error("shapedLoss: the output's shape does not match its values");
    if (static_cast<Index>(target.values.size()) != numel(target.shape))
        throw std::logic_error("shapedLoss: the target's shape does not match its values");
    if (auto* ce = dynamic_cast<CrossEntropyLoss<T>*>(&loss))
        return crossEntropy(*ce, outputShape, output, target, withGradient);
    if (auto* bce = dynamic_cast<BCEWithLogitsLoss<T>*>(&loss))
        return binary(*bce, outputShape, output, target, withGradient);
    return regression(loss, outputShape, output, target, withGradient);
}

template ShapedLossResult<float> shapedLoss<float>(Loss<float>&, const Shape&, const Matrix<float>&,
                                                   const LossTarget<float>&, bool);
template ShapedLossResult<double> shapedLoss<double>(Loss<double>&, const Shape&,
                                                     const Matrix<double>&,
                                                     const LossTarget<double>&, bool);

}  // namespace linearlab::nn
