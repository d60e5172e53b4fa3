#include "core/train/loss_history.h"

namespace linearlab::train {

LossHistory::LossHistory(size_t capacity) : m_capacity(capacity < 2 ? 2 : capacity & ~size_t{1}) {
    m_points.reserve(m_capacity);
}

void LossHistory::add(double step, double loss) {
    m_pending.step += step;
    m_pending.loss += loss;
    if (++m_pendingCount < m_stride)
        return;
    if (m_points.size() == m_capacity) {
        // Merge pairs: half the points, each standing for twice as many steps.
        for (size_t i = 0; i < m_capacity / 2; ++i)
            m_points[i] = {(m_points[2 * i].step + m_points[2 * i + 1].step) / 2,
                           (m_points[2 * i].loss + m_points[2 * i + 1].loss) / 2};
        m_points.resize(m_capacity / 2);
        m_stride *= 2;
        // The pending point stood for the old stride; keep it as one point.
    }
    m_points.push_back({m_pending.step / static_cast<double>(m_pendingCount),
                        m_pending.loss / static_cast<double>(m_pendingCount)});
    m_pending = {0, 0};
    m_pendingCount = 0;
}

void LossHistory::clear() {
    m_points.clear();
    m_stride = 1;
    m_pending = {0, 0};
    m_pendingCount = 0;
}

void LossHistory::copyTo(LossHistory& out) const {
    out.m_capacity = m_capacity;
    out.m_stride = m_stride;
    out.m_points.assign(m_points.begin(), m_points.end());
    out.m_pending = m_pending;
    out.m_pendingCount = m_pendingCount;
}

}  // namespace linearlab::train
