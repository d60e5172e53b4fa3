#pragma once
// JSON string literals as the weight formats write them, in safetensors
// headers and JSON weights alike.
#include <string>
#include <string_view>

namespace linearlab::io::detail {

/// `s` quoted as a JSON string, escaped as Python's json.dumps and serde_json
/// escape: '"' and '\' with a backslash, \b \f \n \r \t by their short forms,
/// the other bytes below 0x20 as \u00xx. Everything else, UTF-8 included, is
/// copied unchanged.
std::string jsonString(std::string_view s);

}  // namespace linearlab::io::detail
