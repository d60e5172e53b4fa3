#pragma once
// The objects the restricted unpickler builds from a state-dict pickle: None,
// bools, ints, strings, tuples, dicts, allowed globals, storages and tensors.
// Internal to restricted_unpickler.cpp, which interprets the opcodes.
#include "core/io/restricted_unpickler.h"

#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace linearlab::io::pickle {

struct Value;
using ValuePtr = std::shared_ptr<Value>;

enum class Kind { None, Bool, Int, String, Tuple, Dict, Global, Storage, Tensor };

// A dict's entries in insertion order, with each key's position so that a
// repeated key is found without scanning (a state dict has up to
// ReadLimits::maxTensors keys; a scan per key made loading quadratic).
struct DictEntries {
    std::vector<std::pair<ValuePtr, ValuePtr>> entries;
    // Keys are views of String values the entries own, so they stay valid.
    std::unordered_map<std::string_view, std::size_t> byText;
    std::unordered_map<std::int64_t, std::size_t> byInt;
};

// The objects a state-dict pickle can build. Nesting depth is tracked so
// that destruction (recursive through shared_ptr) stays shallow, and dicts
// freeze once placed in a container so no reference cycle can form. What only
// some kinds need lives behind pointers, so the million values of a large
// state dict stay small.
struct Value {
    Kind kind = Kind::None;
    bool flag = false;
    bool frozen = false;
    int depth = 1;
    std::int64_t integer = 0;
    // String: a view into the pickle, which outlives every value; Global:
    // "module.name", a view of the allowlist.
    std::string_view text;
    std::vector<ValuePtr> items;            // Tuple
    std::unique_ptr<DictEntries> dict;      // Dict, once it has an entry
    std::unique_ptr<PickledTensor> tensor;  // Storage (type, key, numel) and Tensor
};

/// The kind as an error message names it: "a tuple", "None".
const char* kindName(Kind k);

}  // namespace linearlab::io::pickle
