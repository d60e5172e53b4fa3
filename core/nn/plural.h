#pragma once
// A count and its noun in the number the count asks for: "1 target", "3 targets".
// Messages that LinearLab composes use it; PyTorch's own texts keep PyTorch's words.
#include <string>

namespace linearlab::nn {

/// "1 target" or "n targets": `singular` for exactly one, `plural` otherwise (0 too).
template <typename Count>
std::string countOf(Count n, const char* singular, const char* plural) {
    return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

}  // namespace linearlab::nn
