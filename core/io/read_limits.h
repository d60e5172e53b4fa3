#pragma once
// Bounds every weight reader enforces before it allocates, so a hostile or
// corrupt file costs at most these amounts of memory and time.
#include <cstdint>

namespace linearlab::io {

struct ReadLimits {
    /// Largest file the dispatcher reads into memory.
    std::int64_t maxFileBytes = std::int64_t{1} << 30;
    /// Total uncompressed bytes of the zip members a reader extracts (.pt, .npz).
    std::int64_t maxUncompressedBytes = std::int64_t{1} << 30;
    /// Zip central-directory entries: one per tensor of a state dict of
    /// maxTensors (.npz, and .pt's data/N records) and the few files torch.save
    /// adds, so that the zip formats hold as many tensors as the others.
    std::int64_t maxZipMembers = 100000 + 16;
    /// Tensors in one file.
    std::int64_t maxTensors = 100000;
    /// Dimensions of one tensor.
    int maxRank = 32;
};

}  // namespace linearlab::io
