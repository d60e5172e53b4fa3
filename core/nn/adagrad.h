#pragma once
#include "core/nn/optimizer.h"

namespace linearlab::nn {

/// torch.optim.Adagrad: with g = grad (-grad when maximize) + weight_decay * param and t
/// the step count,
///   clr = lr / (1 + (t - 1) lr_decay);  sum = sum + g^2;  param -= clr g / (sqrt(sum) + eps),
/// where sum starts at initial_accumulator_value.
template <typename T>
class Adagrad : public Optimizer<T> {
public:
    /// Throws std::invalid_argument with PyTorch's messages ("Invalid lr_decay value: -1.0").
    /// Allocates the sums now, filled with initial_accumulator_value, as torch does.
    Adagrad(std::vector<Parameter<T>*> params, double lr = 1e-2, double lr_decay = 0,
            double weight_decay = 0, double initial_accumulator_value = 0, double eps = 1e-10,
            bool maximize = false);

    std::string typeName() const override { return "Adagrad"; }
    void step() override;
    void resetState() override;

    double lrDecay() const { return m_lrDecay; }
    double weightDecay() const { return m_weightDecay; }
    double initialAccumulatorValue() const { return m_initialAccumulatorValue; }
    double eps() const { return m_eps; }
    bool maximize() const { return m_maximize; }
    /// Steps taken since construction or resetState().
    long long stepCount() const { return m_step; }

private:
    double m_lrDecay;
    double m_weightDecay;
    double m_initialAccumulatorValue;
    double m_eps;
    bool m_maximize;
    long long m_step = 0;
    // One (rows, cols) buffer per parameter: torch's state["sum"].
    std::vector<Matrix<T>> m_sum;
};

extern template class Adagrad<float>;
extern template class Adagrad<double>;

}  // namespace linearlab::nn
