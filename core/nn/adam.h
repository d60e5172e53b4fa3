#pragma once
#include "core/nn/optimizer.h"

#include <array>

namespace linearlab::nn {

/// torch.optim.Adam: with g = grad (-grad when maximize) + weight_decay * param and t the
/// step count,
///   m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;  (v_max = max(v_max, v))
///   param -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps).
/// With decoupled weight decay (AdamW) the gradient is left alone and the parameter
/// first shrinks: param *= 1 - lr * weight_decay.
template <typename T>
class Adam : public Optimizer<T> {
public:
    /// Throws std::invalid_argument with PyTorch's messages ("Invalid beta parameter at
    /// index 0: 1.0").
    Adam(std::vector<Parameter<T>*> params, double lr = 1e-3,
         std::array<double, 2> betas = {0.9, 0.999}, double eps = 1e-8, double weight_decay = 0,
         bool amsgrad = false, bool maximize = false);

    std::string typeName() const override { return "Adam"; }
    void step() override;
    void resetState() override { m_step = 0; }

    std::array<double, 2> betas() const { return m_betas; }
    /// As writing param_groups[0]['betas'] = (beta1, beta2) (OneCycleLR cycles beta1).
    void setBeta1(double beta1) { m_betas[0] = beta1; }
    double eps() const { return m_eps; }
    double weightDecay() const { return m_weightDecay; }
    bool amsgrad() const { return m_amsgrad; }
    bool maximize() const { return m_maximize; }
    /// Steps taken since construction or resetState().
    long long stepCount() const { return m_step; }

protected:
    struct Decoupled {};
    /// AdamW's form: same update, weight decay applied to the parameter directly.
    Adam(std::vector<Parameter<T>*> params, double lr, std::array<double, 2> betas, double eps,
         double weight_decay, bool amsgrad, bool maximize, Decoupled);

private:
    std::array<double, 2> m_betas;
    double m_eps;
    double m_weightDecay;
    bool m_amsgrad;
    bool m_maximize;
    bool m_decoupled = false;
    long long m_step = 0;
    // One (rows, cols) buffer per parameter: exp_avg, exp_avg_sq, max_exp_avg_sq.
    std::vector<Matrix<T>> m_expAvg;
    std::vector<Matrix<T>> m_expAvgSq;
    std::vector<Matrix<T>> m_maxExpAvgSq;
};

extern template class Adam<float>;
extern template class Adam<double>;

}  // namespace linearlab::nn
