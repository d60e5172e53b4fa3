#pragma once
#include "core/nn/optimizer.h"

#include <array>

namespace linearlab::nn {

/// torch.optim.RAdam: with g = grad + weight_decay * param and t the step count,
///   m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;  m^ = m / (1 - beta1^t);
///   rho_inf = 2 / (1 - beta2) - 1;  rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t);
///   if rho_t > 5: r = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t)),
///                 param -= lr m^ r sqrt(1 - beta2^t) / (sqrt(v) + eps);
///   else param -= lr m^.
/// torch 1.13's RAdam has no maximize.
template <typename T>
class RAdam : public Optimizer<T> {
public:
    /// Throws std::invalid_argument with PyTorch's messages ("Invalid epsilon value: -1.0").
    RAdam(std::vector<Parameter<T>*> params, double lr = 1e-3,
          std::array<double, 2> betas = {0.9, 0.999}, double eps = 1e-8, double weight_decay = 0);

    std::string typeName() const override { return "RAdam"; }
    void step() override;
    void resetState() override { m_step = 0; }

    std::array<double, 2> betas() const { return m_betas; }
    double eps() const { return m_eps; }
    double weightDecay() const { return m_weightDecay; }
    /// Steps taken since construction or resetState().
    long long stepCount() const { return m_step; }

private:
    std::array<double, 2> m_betas;
    double m_eps;
    double m_weightDecay;
    long long m_step = 0;
    // One (rows, cols) buffer per parameter: exp_avg, exp_avg_sq.
    std::vector<Matrix<T>> m_expAvg;
    std::vector<Matrix<T>> m_expAvgSq;
};

extern template class RAdam<float>;
extern template class RAdam<double>;

}  // namespace linearlab::nn
