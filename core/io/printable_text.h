#pragma once
// Text from a file as an error message shows it. Problems quote names and
// fields from the file, and a hostile one must not break the message over
// lines or drive the terminal it is printed on (ESC, BEL, CR).
#include <cstddef>
#include <string>
#include <string_view>

namespace linearlab::io {

/// Control bytes and DEL as \xNN; cut after `maxBytes` bytes with "...".
std::string printable(std::string_view text, std::size_t maxBytes = std::string_view::npos);

/// An error message on one line: line breaks and tabs (PyTorch's
/// load_state_dict lists its errors on lines of their own) become spaces,
/// every other control byte is escaped as printable() does.
std::string oneLine(std::string_view message);

}  // namespace linearlab::io
