#pragma once
// What the restricted unpickler accepts by name: the globals a state dict
// refers to, and every pickle opcode's pickletools name for the errors that
// refuse the others.
#include <string_view>

namespace linearlab::io::pickle {

/// The global's "module.name" when the allowlist has it, else empty.
std::string_view allowedGlobal(std::string_view module, std::string_view name);

/// The opcode's pickletools name ("EMPTY_LIST"), or nullptr for a byte that is
/// no opcode.
const char* opcodeName(unsigned char op);

}  // namespace linearlab::io::pickle
