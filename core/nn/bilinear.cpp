#include "core/nn/bilinear.h"

#include "core/nn/gemm.h"

#include "core/nn/init.h"
#include "core/nn/memory_budget.h"
#include "core/nn/python_format.h"

#include <cmath>
#include <stdexcept>

namespace linearlab::nn {

namespace {

// bound = 1 / math.sqrt(self.weight.size(1))
double resetBound(Index in1) {
    return 1 / std::sqrt(static_cast<double>(in1));
}

}  // namespace

InitDistribution bilinearResetInit(const std::string& param, const Shape& weightShape) {
    if (param != "weight" && param != "bias")
        throw std::invalid_argument("Bilinear has no parameter '" + param + "'");
    const Index in1 = weightShape.size() > 1 ? weightShape[1] : 0;
    const double bound = in1 > 0 ? resetBound(in1) : 0;
    InitDistribution d;
    d.low = -bound;
    d.high = bound;
    d.call = "init.uniform_(self." + param + ", -bound, bound)";
    d.formula = "bound = 1/√in1_features = 1/√" + std::to_string(in1) + " = " + initNumber(bound);
    return d;
}

template <typename T>
Bilinear<T>::Bilinear(const BilinearOptions& options, Generator& gen) : m_options(options) {
    reset();
    resetParameters(gen);
}

template <typename T>
void Bilinear<T>::reset() {
    const auto& o = m_options;
    m_weight = Parameter<T>({o.out_features(), o.in1_features(), o.in2_features()});
    m_bias = o.bias() ? Parameter<T>({o.out_features()}) : Parameter<T>();
}

template <typename T>
void Bilinear<T>::resetParameters(Generator& gen) {
    if (m_options.in1_features() == 0)
        throw std::invalid_argument("float division by zero");  // 1 / math.sqrt(0) in PyTorch
    const double bound = resetBound(m_options.in1_features());
    init::uniform_(m_weight, -bound, bound, gen);
    if (m_options.bias())
        init::uniform_(m_bias, -bound, bound, gen);
}

template <typename T>
std::string Bilinear<T>::repr() const {
    return bilinearRepr(m_options);
}

template <typename T>
std::vector<NamedParameter<T>> Bilinear<T>::namedParameters() {
    std::vector<NamedParameter<T>> params{{"weight", &m_weight}};
    if (m_options.bias())
        params.push_back({"bias", &m_bias});
    return params;
}

std::string bilinearRepr(const BilinearOptions& o) {
    return "Bilinear(in1_features=" + std::to_string(o.in1_features()) +
           ", in2_features=" + std::to_string(o.in2_features()) +
           ", out_features=" + std::to_string(o.out_features()) + ", bias=" + pythonBool(o.bias()) +
           ")";
}

Shape bilinearOutputShape(const BilinearOptions& options, const Shape& input1,
                          const Shape& input2) {
    using std::to_string;
    if (input1.size() != input2.size())
        throw std::invalid_argument("bilinear(): input dimensions do not match: got " +
                                    to_string(input1.size()) + " and " + to_string(input2.size()));
    if (input1.empty())
        throw std::invalid_argument("Dimension specified as -1 but tensor has no dimensions");
    for (size_t i = 0; i + 1 < input1.size(); ++i)
        if (input1[i] != input2[i])
            throw std::invalid_argument("bilinear(): input batch dimensions do not match at dim " +
                                        to_string(i) + ": got " + to_string(input1[i]) + " and " +
                                        to_string(input2[i]));
    if (input1.back() != options.in1_features())
        throw std::invalid_argument("bilinear(): input1 size does not match weight size: got " +
                                    to_string(input1.back()) + " but expected " +
                                    to_string(options.in1_features()));
    if (input2.back() != options.in2_features())
        throw std::invalid_argument("bilinear(): input2 size does not match weight size: got " +
                                    to_string(input2.back()) + " but expected " +
                                    to_string(options.in2_features()));
    Shape out = input1;
    out.back() = options.out_features();
    return out;
}

template <typename T>
Shape Bilinear<T>::outputShape(const Shape& input1, const Shape& input2) const {
    return bilinearOutputShape(m_options, input1, input2);
}

template <typename T>
typename Bilinear<T>::Scratch& Bilinear<T>::scratchFor(Index rows) {
    for (Scratch& s : m_scratch)
        if (s.rows == rows)
            return s;
    m_scratch.push_back(Scratch{rows, {}, {}, {}});
    return m_scratch.back();
}

bool bilinearThroughWeightRows(Index in2_features, Index out_features) {
    return out_features < in2_features;
}

Index bilinearScratchPerRow(Index in1_features, Index in2_features, Index out_features) {
    const Index kept =
        bilinearThroughWeightRows(in2_features, out_features) ? out_features : in2_features;
    return saturatingProduct(2, saturatingProduct(in1_features, kept));
}

template <typename T>
void Bilinear<T>::forward(const Matrix<T>& x1, const Matrix<T>& x2, Matrix<T>& y) {
    const Index n = x1.rows(), in1 = m_options.in1_features(), in2 = m_options.in2_features(),
                out = m_options.out_features();
    Matrix<T>& kept = scratchFor(n).kept;
    if (bilinearThroughWeightRows(in2, out)) {
        // y_nk = x1_n · (A_k x2_n): one product gives every A_k x2_n, the
        // (out·in1, in2) view of the weight times x2; then a dot per (n, k).
        timesTransposed(x2, weightRows(m_weight.value), kept);
        y.resize(n, out);
        for (Index r = 0; r < n; ++r)
            y.row(r).noalias() =
                x1.row(r) * Eigen::Map<const Matrix<T>>(kept.row(r).data(), out, in1).transpose();
    } else {
        // y_k = x1^T A_k x2: rows of outer(x1, x2) times A^T, one product.
        kept.resize(n, in1 * in2);
        for (Index r = 0; r < n; ++r)
            Eigen::Map<Matrix<T>>(kept.row(r).data(), in1, in2).noalias() =
                x1.row(r).transpose() * x2.row(r);
        timesTransposed(kept, m_weight.value, y);
    }
    if (m_options.bias())
        y.rowwise() += m_bias.value.row(0);
}

template <typename T>
void Bilinear<T>::backward(const Matrix<T>& x1, const Matrix<T>& x2, const Matrix<T>& gradY,
                           Matrix<T>* gradX1, Matrix<T>* gradX2) {
    const Index n = x1.rows(), in1 = m_options.in1_features(), in2 = m_options.in2_features(),
                out = m_options.out_features();
    // The scratch of this batch size still holds what forward() kept.
    Scratch& scratch = scratchFor(n);
    const Matrix<T>& kept = scratch.kept;
    Matrix<T>& grad = scratch.grad;
    if (m_options.bias() && n > 0)
        m_bias.grad.row(0) += gradY.colwise().sum();
    if (bilinearThroughWeightRows(in2, out)) {
        // G_n = gy_n (outer) x1_n, (out, in1) per row: then dA_k[i, :] = sum_n
        // G_n[k, i] x2_n, dx2_n = sum_{k,i} G_n[k, i] A_k[i, :] and dx1_n =
        // sum_k gy_nk (A_k x2_n), the rows forward kept.
        grad.resize(n, out * in1);
        for (Index r = 0; r < n; ++r)
            Eigen::Map<Matrix<T>>(grad.row(r).data(), out, in1).noalias() =
                gradY.row(r).transpose() * x1.row(r);
        addTransposedTimes(grad, x2, weightRows(m_weight.grad));
        if (gradX2)
            times(grad, weightRows(m_weight.value), *gradX2);
        if (gradX1) {
            gradX1->resize(n, in1);
            for (Index r = 0; r < n; ++r)
                gradX1->row(r).noalias() =
                    gradY.row(r) * Eigen::Map<const Matrix<T>>(kept.row(r).data(), out, in1);
        }
        return;
    }
    addTransposedTimes(gradY, kept, m_weight.grad);  // dA_k = sum_n gy_nk x1_n x2_n^T
    if (!gradX1 && !gradX2)
        return;
    times(gradY, m_weight.value, grad);  // G_n = sum_k gy_nk A_k
    if (gradX1)
        gradX1->resize(n, in1);
    if (gradX2)
        gradX2->resize(n, in2);
    for (Index r = 0; r < n; ++r) {
        const Eigen::Map<const Matrix<T>> g(grad.row(r).data(), in1, in2);
        if (gradX1)
            gradX1->row(r).noalias() = x2.row(r) * g.transpose();  // dx1 = G x2
        if (gradX2)
            gradX2->row(r).noalias() = x1.row(r) * g;  // dx2 = G^T x1
    }
}

template <typename T>
void Bilinear<T>::backward(const Matrix<T>& x, const Matrix<T>& /*y*/, const Matrix<T>& gradY,
                           Matrix<T>* gradX) {
    // x feeds both inputs, so its gradient is the sum of the two.
    if (!gradX) {
        backward(x, x, gradY, nullptr, nullptr);
        return;
    }
    Matrix<T>& gradX2 = scratchFor(x.rows()).gradX2;
    backward(x, x, gradY, gradX, &gradX2);
    *gradX += gradX2;
}

template <typename T>
Tensor<T> Bilinear<T>::operator()(const Tensor<T>& x1, const Tensor<T>& x2) {
    Tensor<T> y;
    y.shape = outputShape(x1.shape, x2.shape);
    forward(x1.values, x2.values, y.values);
    return y;
}

template class Bilinear<float>;
template class Bilinear<double>;

}  // namespace linearlab::nn
