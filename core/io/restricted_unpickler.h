#pragma once
// Reads the data.pkl of a torch.save(state_dict) archive without executing
// anything: an interpreter of pickle protocols 2 to 5 (torch.save's
// pickle_protocol) that knows only the opcodes and the globals such a pickle
// contains (collections.OrderedDict, torch._utils._rebuild_tensor_v2 /
// _rebuild_parameter, torch.*Storage and ('storage', ...) persistent ids),
// whether named by GLOBAL or STACK_GLOBAL. Everything else is rejected by
// name. Time and memory are linear in the pickle's size.
#include "core/io/read_limits.h"
#include "core/nn/tensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace linearlab::io {

/// One tensor of the state dict, as a view into a storage of the archive.
struct PickledTensor {
    std::string name;
    /// "FloatStorage", "DoubleStorage", "HalfStorage", "BFloat16Storage", "LongStorage",
    /// "IntStorage".
    std::string storageType;
    /// The member archive/data/<storageKey> holds the storage's bytes.
    std::string storageKey;
    std::int64_t storageNumel = 0;
    std::int64_t offset = 0;
    nn::Shape size;
    std::vector<std::int64_t> stride;
};

class RestrictedUnpickler {
public:
    explicit RestrictedUnpickler(const ReadLimits& limits = {});

    /// The state dict's tensors in insertion order. Throws std::runtime_error
    /// naming the offending opcode or global, e.g. "pickle refers to
    /// os.system, which a state dict never contains".
    std::vector<PickledTensor> load(const std::string& pickle) const;

private:
    ReadLimits m_limits;
};

}  // namespace linearlab::io
