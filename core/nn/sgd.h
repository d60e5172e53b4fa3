#pragma once
#include "core/nn/optimizer.h"

namespace linearlab::nn {

/// torch.optim.SGD: with d = grad (-grad when maximize) + weight_decay * param,
///   buf = d on the first step, else momentum * buf + (1 - dampening) * d;
///   d = d + momentum * buf (nesterov) or buf (momentum != 0);
///   param -= lr * d.
template <typename T>
class SGD : public Optimizer<T> {
public:
    /// Throws std::invalid_argument with PyTorch's messages ("Invalid learning rate: -0.1",
    /// "Nesterov momentum requires a momentum and zero dampening").
    SGD(std::vector<Parameter<T>*> params, double lr, double momentum = 0, double dampening = 0,
        double weight_decay = 0, bool nesterov = false, bool maximize = false);

    std::string typeName() const override { return "SGD"; }
    void step() override;
    void resetState() override { m_hasMomentumBuffer = false; }

    double momentum() const { return m_momentum; }
    /// As writing param_groups[0]['momentum'] (OneCycleLR cycles it); next step on.
    void setMomentum(double momentum) { m_momentum = momentum; }
    double dampening() const { return m_dampening; }
    double weightDecay() const { return m_weightDecay; }
    bool nesterov() const { return m_nesterov; }
    bool maximize() const { return m_maximize; }

private:
    double m_momentum;
    double m_dampening;
    double m_weightDecay;
    bool m_nesterov;
    bool m_maximize;
    // One (rows, cols) buffer per parameter; memory kept across resetState().
    std::vector<Matrix<T>> m_momentumBuffer;
    bool m_hasMomentumBuffer = false;
};

extern template class SGD<float>;
extern template class SGD<double>;

}  // namespace linearlab::nn
