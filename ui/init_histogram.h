#pragma once
// A histogram of a parameter's initial values against the density they were
// drawn from (InitDistribution): bars are the counts, the line is what the
// distribution expects in each bin for that many values.
#include "core/nn/init_distribution.h"
#include "core/nn/tensor.h"

#include <QWidget>

#include <vector>

namespace linearlab::ui {

class InitHistogram : public QWidget {
    Q_OBJECT

public:
    static constexpr int kBins = 24;

    explicit InitHistogram(QWidget* parent = nullptr);

    /// Counts `values` in kBins bins over the distribution's range (values
    /// outside it fall into the end bins, so the counts sum to values.size()).
    void setValues(const nn::Matrix<float>& values, const nn::InitDistribution& distribution);

    const std::vector<int>& counts() const { return m_counts; }
    /// The distribution's expected count per bin (empty for a point mass).
    const std::vector<double>& expected() const { return m_expected; }
    double low() const { return m_low; }
    double high() const { return m_high; }

    QSize sizeHint() const override { return {360, 160}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<int> m_counts;
    std::vector<double> m_expected;
    double m_low = -1, m_high = 1;
};

}  // namespace linearlab::ui
