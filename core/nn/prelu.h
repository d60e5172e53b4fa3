#pragma once
#include "core/nn/cascade_sum.h"
#include "core/nn/module.h"
#include "core/nn/python_format.h"

#include <stdexcept>
#include <vector>

namespace linearlab::nn {

/// torch's check: one slope, or one per channel, the channel being dim 1.
inline Shape preluOutputShape(Index numParameters, const Shape& input) {
    const Index channels = input.size() > 1 ? input[1] : 1;
    if (numParameters != 1 && numParameters != channels)
        throw std::invalid_argument(
            "Mismatch of parameter numbers and input channel size. Found parameter numbers = " +
            std::to_string(numParameters) + " and channel size = " + std::to_string(channels) +
            ".");
    // A module's rows are every leading index, so the channels must be the last dim too.
    if (numParameters != 1 && input.size() > 2)
        throw std::invalid_argument("PReLU(num_parameters=" + std::to_string(numParameters) +
                                    ") takes a 2-D input (N, C) in LinearLab, got " +
                                    shapeString(input));
    return input;
}

/// torch.nn.PReLU(num_parameters=1, init=0.25): y = x for x > 0, a x otherwise,
/// with one learnable slope a for every input, or one for each input channel
/// (dim 1). `weight` has shape (num_parameters,) and starts at `init`, drawing
/// nothing from the generator.
template <typename T>
class PReLU : public Module<T> {
public:
    PReLU(Index numParameters, PythonNumber init)
        : m_weight(Shape{numParameters}), m_init(init), m_sums(1, numParameters) {
        m_weight.value.setConstant(T(init.value));
    }
    std::string typeName() const override { return "PReLU"; }
    std::string repr() const override {
        return "PReLU(num_parameters=" + std::to_string(numParameters()) + ")";
    }
    Index numParameters() const { return m_weight.numel(); }
    Parameter<T>& weight() { return m_weight; }
    std::vector<NamedParameter<T>> namedParameters() override { return {{"weight", &m_weight}}; }
    void resetParameters(Generator&) override { m_weight.value.setConstant(T(m_init.value)); }

    Shape outputShape(const Shape& input) const override {
        return preluOutputShape(numParameters(), input);
    }

    /// x: (N, C) -> y: (N, C)
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        y.resize(x.rows(), x.cols());
        for (Index i = 0; i < x.rows(); ++i)
            for (Index j = 0; j < x.cols(); ++j) {
                const T v = x(i, j);
                y(i, j) = v > T(0) ? v : slope(j) * v;
            }
    }

    // dy/dx = 1 for x > 0, a otherwise; dy/da = x for x <= 0, 0 otherwise. The
    // slope's gradient is the sum PyTorch takes of x * g where x <= 0: .sum() of
    // all of them for one slope, .sum(0) for one per channel, in its order.
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (gradX)
            gradX->resize(x.rows(), x.cols());
        // The buffer only grows: batches of different sizes reuse it without allocating.
        if (m_collector.size() < static_cast<size_t>(x.size()))
            m_collector.resize(static_cast<size_t>(x.size()));
        T* collector = m_collector.data();
        for (Index i = 0; i < x.rows(); ++i)
            for (Index j = 0; j < x.cols(); ++j) {
                const T v = x(i, j), g = gradY(i, j);
                if (gradX)
                    (*gradX)(i, j) = v > T(0) ? g : slope(j) * g;
                collector[i * x.cols() + j] = v > T(0) ? T(0) : v * g;
            }
        if (numParameters() == 1) {
            m_weight.grad(0, 0) += cascadeSum(collector, x.size());
        } else {
            cascadeColumnSums(collector, x.rows(), x.cols(), m_sums.data());
            m_weight.grad += m_sums;
        }
    }

private:
    T slope(Index column) const { return m_weight.value(0, numParameters() == 1 ? 0 : column); }

    Parameter<T> m_weight;
    PythonNumber m_init;
    std::vector<T> m_collector;  // x * g where x <= 0, kept so a step allocates nothing
    Matrix<T> m_sums;            // (1, num_parameters)
};

}  // namespace linearlab::nn
