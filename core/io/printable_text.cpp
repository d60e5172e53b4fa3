#include "core/io/printable_text.h"

#include <algorithm>
#include <cstdio>

namespace linearlab::io {

std::string printable(std::string_view text, std::size_t maxBytes) {
    std::string out;
    out.reserve(std::min(text.size(), maxBytes));
    for (std::size_t i = 0; i < text.size() && i < maxBytes; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        } else {
            out += static_cast<char>(c);
        }
    }
    if (text.size() > maxBytes)
        out += "...";
    return out;
}

std::string errorText(std::string_view message) {
    std::string out;
    for (std::size_t i = 0; i < message.size(); ++i) {
        const char c = message[i];
        if (c == '\n' && i + 1 < message.size() && message[i + 1] == '\t') {
            out += "\n\t";
            ++i;
        } else if (c == '\n' || c == '\t' || c == '\r') {
            out += ' ';
        } else {
            out += printable(message.substr(i, 1));
        }
    }
    return out;
}

}  // namespace linearlab::io
