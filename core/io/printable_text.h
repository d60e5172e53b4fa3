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

/// An error message as a terminal shows it: PyTorch's continuation lines (a
/// line break followed by a tab, as load_state_dict lists its errors) stay, as
/// `RuntimeError` prints them; any other line break, tab or CR becomes a space,
/// and every other control byte is escaped as printable() does. So a message is
/// one line unless it is PyTorch's own multi-line text.
std::string errorText(std::string_view message);

}  // namespace linearlab::io
