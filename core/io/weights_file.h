#pragma once
// Reads and writes a state dict in the format its file extension names:
// .safetensors, .pt / .pth, .npz, .npy (exactly one tensor), .json, .csv.
#include "core/io/read_limits.h"
#include "core/io/state_dict.h"

#include <QString>

#include <string>

namespace linearlab::io {

/// Throws std::runtime_error "<file>: <problem>" for an unknown extension, a
/// file over limits.maxFileBytes, or any format error. The file is read
/// once and parsed in memory; nothing is returned unless the whole file is valid.
StateDict readWeights(const QString& path, const ReadLimits& limits = {});

/// The state dict `bytes` holds, parsed as the format `path`'s extension names:
/// what readWeights does once it has read the file, which need not exist.
/// Throws std::runtime_error "<file>: <problem>" as readWeights does.
StateDict decodeWeights(const std::string& bytes, const QString& path,
                        const ReadLimits& limits = {});

/// Writes atomically (writeFileAtomically): on any error the previous file, if
/// any, is left as it was. A .npy takes exactly one tensor. Throws std::runtime_error
/// "<file>: <problem>".
void writeWeights(const QString& path, const StateDict& tensors);

/// True when `path` ends in an extension readWeights / writeWeights handles.
bool isWeightsFile(const QString& path);

}  // namespace linearlab::io
