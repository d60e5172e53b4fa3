#pragma once
// A loss curve of bounded size: when full, neighbouring points are merged
// (averaged) and the stride doubles, so a run of any length keeps at most
// `capacity` points, evenly spread, without allocating after construction.
#include <cstddef>
#include <vector>

namespace linearlab::train {

struct LossPoint {
    double step;  ///< mean step of the merged points
    double loss;  ///< mean loss of the merged points
};

class LossHistory {
public:
    explicit LossHistory(size_t capacity = 4096);

    void add(double step, double loss);
    void clear();
    const std::vector<LossPoint>& points() const { return m_points; }
    size_t size() const { return m_points.size(); }
    /// How many raw points each stored point stands for.
    size_t stride() const { return m_stride; }
    /// Copies into `out` without allocating when out has the capacity (a snapshot buffer).
    void copyTo(LossHistory& out) const;

private:
    size_t m_capacity;
    size_t m_stride = 1;
    std::vector<LossPoint> m_points;
    LossPoint m_pending{0, 0};  // running sum of the raw points not yet stored
    size_t m_pendingCount = 0;
};

}  // namespace linearlab::train
