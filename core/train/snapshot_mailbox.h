#pragma once
// Latest-wins hand-over of snapshots from the training loop to a viewer. The
// writer fills a buffer nobody else holds, then publishes it, replacing any the
// viewer has not taken; nothing is queued. A small pool of buffers is recycled,
// so publishing never allocates once each buffer has been filled once.
#include <memory>
#include <mutex>
#include <vector>

namespace linearlab::train {

template <typename S>
class SnapshotMailbox {
public:
    /// One being filled, one published, one held by the viewer: the writer never
    /// waits. The memory budget counts a parameter copy per buffer.
    static constexpr size_t kDefaultPoolSize = 3;

    explicit SnapshotMailbox(size_t poolSize = kDefaultPoolSize) {
        for (size_t i = 0; i < poolSize; ++i)
            m_pool.push_back(std::make_shared<S>());
    }

    /// A buffer only the pool holds (not published, not held by a viewer), or null
    /// when the viewer holds them all; the writer then skips this publication.
    std::shared_ptr<S> acquire() {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (auto& s : m_pool)
            if (s.use_count() == 1)
                return s;  // the copy orders the refill after the viewer (see freeCopy)
        return nullptr;
    }

    /// Calls fill(buffer) on every buffer only the pool holds, for the writer to
    /// refill them all at once (a new run's first state).
    template <typename F>
    void fillFree(F fill) {
        for (auto& s : m_pool)
            if (std::shared_ptr<S> free = freeCopy(s))
                fill(*free);
    }

    /// Makes `s` the latest; an untaken earlier one is dropped.
    void publish(std::shared_ptr<S> s) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_latest = std::move(s);
    }

    /// The latest snapshot not yet taken, or null.
    std::shared_ptr<const S> take() {
        std::lock_guard<std::mutex> lock(m_mutex);
        std::shared_ptr<const S> s = std::move(m_latest);
        m_latest.reset();
        return s;
    }

private:
    /// `s` if only the pool holds it, else null. A viewer drops its last reference
    /// on its own thread without the lock, and use_count() is a relaxed load that
    /// orders nothing; the copy's increment is an acq_rel read-modify-write of the
    /// count (libstdc++), so it synchronizes with that release: the viewer's reads
    /// of the buffer happen before the writer refills it.
    std::shared_ptr<S> freeCopy(const std::shared_ptr<S>& s) {
        std::lock_guard<std::mutex> lock(m_mutex);
        return s.use_count() == 1 ? s : nullptr;
    }

    std::mutex m_mutex;
    std::vector<std::shared_ptr<S>> m_pool;
    std::shared_ptr<S> m_latest;
};

}  // namespace linearlab::train
