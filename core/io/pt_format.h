#pragma once
// torch.save's zip format (PyTorch >= 1.6): <archive>/data.pkl, a pickle of
// the state dict whose tensors point at storages <archive>/data/<key>,
// and <archive>/version.
#include "core/io/read_limits.h"
#include "core/io/state_dict.h"

#include <string>

namespace linearlab::io {

/// A torch.save(state_dict)-compatible zip: members stored, 64-byte aligned
/// as PyTorch aligns them, under the top-level directory `archiveName` (torch
/// uses the file stem). Every tensor is float32, contiguous, one storage each.
std::string encodePt(const StateDict& tensors, const std::string& archiveName = "archive");

/// Reads a torch.save(state_dict) zip with any top-level directory name
/// through RestrictedUnpickler. Tensors may be strided views and may share
/// storages; each view is checked to lie inside its storage.
StateDict decodePt(const std::string& bytes, const ReadLimits& limits = {});

}  // namespace linearlab::io
