#pragma once
#include "core/nn/optimizer.h"

#include <array>

namespace linearlab::nn {

/// torch.optim.Adamax: with g = grad (-grad when maximize) + weight_decay * param and t
/// the step count,
///   m = beta1 m + (1 - beta1) g;  u = max(beta2 u, |g| + eps);
///   param -= lr / (1 - beta1^t) * m / u.
template <typename T>
class Adamax : public Optimizer<T> {
public:
    /// Throws std::invalid_argument with PyTorch's messages ("Invalid beta parameter at
    /// index 0: 1.0").
    Adamax(std::vector<Parameter<T>*> params, double lr = 2e-3,
           std::array<double, 2> betas = {0.9, 0.999}, double eps = 1e-8, double weight_decay = 0,
           bool maximize = false);

    std::string typeName() const override { return "Adamax"; }
    void step() override;
    void resetState() override { m_step = 0; }

    std::array<double, 2> betas() const { return m_betas; }
    double eps() const { return m_eps; }
    double weightDecay() const { return m_weightDecay; }
    bool maximize() const { return m_maximize; }
    /// Steps taken since construction or resetState().
    long long stepCount() const { return m_step; }

private:
    std::array<double, 2> m_betas;
    double m_eps;
    double m_weightDecay;
    bool m_maximize;
    long long m_step = 0;
    // One (rows, cols) buffer per parameter: exp_avg, exp_inf.
    std::vector<Matrix<T>> m_expAvg;
    std::vector<Matrix<T>> m_expInf;
};

extern template class Adamax<float>;
extern template class Adamax<double>;

}  // namespace linearlab::nn
