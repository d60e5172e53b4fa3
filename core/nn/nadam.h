#pragma once
#include "core/nn/optimizer.h"

#include <array>

namespace linearlab::nn {

/// torch.optim.NAdam: with g = grad + weight_decay * param, t the step count and
/// mu_t = beta1 (1 - 0.5 * 0.96^(t momentum_decay)),
///   m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;
///   d = sqrt(v / (1 - beta2^t)) + eps;
///   param -= lr (1 - mu_t) / (1 - prod mu_1..t) g / d
///          + lr mu_{t+1} / (1 - prod mu_1..t+1) m / d.
/// torch 1.13's NAdam has no maximize.
template <typename T>
class NAdam : public Optimizer<T> {
public:
    /// Throws std::invalid_argument with PyTorch's messages ("Invalid momentum_decay
    /// value: -1.0").
    NAdam(std::vector<Parameter<T>*> params, double lr = 2e-3,
          std::array<double, 2> betas = {0.9, 0.999}, double eps = 1e-8, double weight_decay = 0,
          double momentum_decay = 4e-3);

    std::string typeName() const override { return "NAdam"; }
    void step() override;
    void resetState() override;

    std::array<double, 2> betas() const { return m_betas; }
    double eps() const { return m_eps; }
    double weightDecay() const { return m_weightDecay; }
    double momentumDecay() const { return m_momentumDecay; }
    /// Steps taken since construction or resetState().
    long long stepCount() const { return m_step; }

private:
    std::array<double, 2> m_betas;
    double m_eps;
    double m_weightDecay;
    double m_momentumDecay;
    long long m_step = 0;
    // torch keeps mu_product as torch.tensor(1.): float32 whatever the parameters' type.
    float m_muProduct = 1.0f;
    // One (rows, cols) buffer per parameter: exp_avg, exp_avg_sq.
    std::vector<Matrix<T>> m_expAvg;
    std::vector<Matrix<T>> m_expAvgSq;
};

extern template class NAdam<float>;
extern template class NAdam<double>;

}  // namespace linearlab::nn
