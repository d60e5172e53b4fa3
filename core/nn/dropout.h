#pragma once
#include "core/nn/activation.h"
#include "core/nn/generator.h"
#include "core/nn/python_format.h"

#include <vector>

namespace linearlab::nn {

/// torch.nn.Dropout(p=0.5): the identity in eval mode; while training, each value
/// is kept with probability 1 - p and scaled by 1 / (1 - p), zeroed otherwise.
/// The mask is drawn from the generator training gives it, one 24-bit uniform per
/// value; torch's bernoulli_ draws differently, so a mask is LinearLab's own and
/// only p = 0 (which draws nothing, as in torch) repeats a PyTorch run exactly.
template <typename T>
class Dropout : public Activation<T> {
public:
    explicit Dropout(PythonNumber p = 0.5) : m_p(p) {}
    std::string typeName() const override { return "Dropout"; }
    double p() const { return m_p.value; }
    void setTraining(bool training, Generator* gen) override { m_gen = training ? gen : nullptr; }
    void forward(const Matrix<T>& x, Matrix<T>& y) override {
        m_masked = m_gen && m_p.value != 0 && x.size() > 0;
        if (!m_masked) {
            y = x;
            return;
        }
        // torch: noise.bernoulli_(1 - p).div_(1 - p), then input * noise. The buffer
        // only grows, so a training step allocates nothing after the largest batch.
        if (m_noise.size() < static_cast<size_t>(x.size()))
            m_noise.resize(static_cast<size_t>(x.size()));
        const double keep = 1.0 - m_p.value;
        const T scale = T(1) / T(keep);
        for (Index i = 0; i < x.size(); ++i) {
            const double u = static_cast<double>(m_gen->random() & 0xFFFFFFu) * 0x1p-24;
            m_noise[static_cast<size_t>(i)] = u < keep ? scale : T(0);
        }
        y = x.cwiseProduct(noise(x.rows(), x.cols()));
    }
    // dy/dx = the forward's noise (0 or 1 / (1 - p)); 1 in eval mode
    void backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& gradY,
                  Matrix<T>* gradX) override {
        if (!gradX)
            return;
        if (!m_masked)
            *gradX = gradY;
        else
            *gradX = gradY.cwiseProduct(noise(x.rows(), x.cols()));
    }

protected:
    std::string extraRepr() const override { return "p=" + pythonNumber(m_p) + ", inplace=False"; }

private:
    Eigen::Map<const Matrix<T>> noise(Index rows, Index cols) const {
        return Eigen::Map<const Matrix<T>>(m_noise.data(), rows, cols);
    }

    PythonNumber m_p;
    Generator* m_gen = nullptr;  // set while training
    bool m_masked = false;       // the last forward applied a mask
    std::vector<T> m_noise;
};

}  // namespace linearlab::nn
