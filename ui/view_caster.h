#pragma once
// A float64 run as the views get it, converted on the training thread: the
// views draw Snapshot<float>, so each snapshot a Trainer<double> publishes is
// cast to float32 there, while it is published, together with a copy of its
// exact parameters for Save and Export Weights. The GUI thread then only takes
// the latest publication; it neither converts nor allocates per poll.
#include "core/train/snapshot.h"
#include "core/train/snapshot_mailbox.h"

#include <memory>
#include <vector>

namespace linearlab::ui {

/// One publication of a float64 run.
struct CastPublication {
    /// The snapshot rounded to float32, for the views.
    train::Snapshot<float> view;
    /// The run context the parameters belong to (names, shapes), in float64.
    std::shared_ptr<const train::RunContext<double>> context;
    /// The parameters exactly, as the snapshot had them.
    std::vector<nn::Matrix<double>> parameters;
};

class ViewCaster {
public:
    /// Casts `s` into a free buffer and makes it the latest, on the publishing
    /// thread; false when the viewer holds every buffer (the trainer then
    /// publishes again soon). Allocates only for a new run context: it casts the
    /// context once and fills every free buffer, as the trainer fills its own.
    bool publish(const train::Snapshot<double>& s);
    /// The latest publication not yet taken, or null (any thread).
    std::shared_ptr<const CastPublication> take() { return m_mailbox.take(); }

private:
    void fill(const train::Snapshot<double>& s, CastPublication& out) const;

    train::SnapshotMailbox<CastPublication> m_mailbox;
    // Only the publishing thread touches these.
    std::shared_ptr<const train::RunContext<double>> m_castFrom;
    std::shared_ptr<const train::RunContext<float>> m_castContext;
};

}  // namespace linearlab::ui
