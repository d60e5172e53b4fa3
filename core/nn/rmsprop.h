#pragma once
#include "core/nn/optimizer.h"

namespace linearlab::nn {

/// torch.optim.RMSprop: with g = grad (-grad when maximize) + weight_decay * param,
///   v = alpha v + (1 - alpha) g^2;  avg = sqrt(v) + eps, or when centered
///   a = alpha a + (1 - alpha) g and avg = sqrt(v - a^2) + eps;
///   buf = momentum buf + g / avg and param -= lr * buf (momentum > 0),
///   else param -= lr * g / avg.
template <typename T>
class RMSprop : public Optimizer<T> {
public:
    /// Throws std::invalid_argument with PyTorch's messages ("Invalid alpha value: -1.0").
    RMSprop(std::vector<Parameter<T>*> params, double lr = 1e-2, double alpha = 0.99,
            double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false,
            bool maximize = false);

    std::string typeName() const override { return "RMSprop"; }
    void step() override;
    void resetState() override { m_initialised = false; }

    double alpha() const { return m_alpha; }
    double eps() const { return m_eps; }
    double weightDecay() const { return m_weightDecay; }
    double momentum() const { return m_momentum; }
    /// As writing param_groups[0]['momentum'] (OneCycleLR cycles it); next step on.
    void setMomentum(double momentum) { m_momentum = momentum; }
    bool centered() const { return m_centered; }
    bool maximize() const { return m_maximize; }

private:
    double m_alpha;
    double m_eps;
    double m_weightDecay;
    double m_momentum;
    bool m_centered;
    bool m_maximize;
    bool m_initialised = false;
    // One (rows, cols) buffer per parameter: square_avg, grad_avg, momentum_buffer.
    std::vector<Matrix<T>> m_squareAvg;
    std::vector<Matrix<T>> m_gradAvg;
    std::vector<Matrix<T>> m_momentumBuffer;
};

extern template class RMSprop<float>;
extern template class RMSprop<double>;

}  // namespace linearlab::nn
