#include "ui/view_caster.h"

#include "core/train/snapshot_cast.h"

namespace linearlab::ui {

bool ViewCaster::publish(const train::Snapshot<double>& s) {
    if (s.context != m_castFrom) {
        m_castFrom = s.context;
        m_castContext = m_castFrom ? std::make_shared<const train::RunContext<float>>(
                                         train::castContext<float>(*m_castFrom))
                                   : nullptr;
        m_mailbox.fillFree([&](CastPublication& buffer) { fill(s, buffer); });
    }
    std::shared_ptr<CastPublication> buffer = m_mailbox.acquire();
    if (!buffer)
        return false;
    fill(s, *buffer);
    m_mailbox.publish(std::move(buffer));
    return true;
}

void ViewCaster::fill(const train::Snapshot<double>& s, CastPublication& out) const {
    train::castSnapshotInto(s, m_castContext, out.view);
    out.context = s.context;
    out.parameters.resize(s.parameters.size());
    for (size_t i = 0; i < s.parameters.size(); ++i)
        out.parameters[i] = s.parameters[i];  // same shape: no allocation
}

}  // namespace linearlab::ui
