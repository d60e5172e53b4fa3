#pragma once
// Numbers and flags printed as Python prints them, for PyTorch's repr strings.
#include <string>

namespace linearlab::nn {

/// repr(float(v)) in Python: "0.01", "1.0", "1e-05", "1e+16", "nan", "inf".
std::string pythonFloat(double v);

/// "True" / "False".
inline std::string pythonBool(bool b) {
    return b ? "True" : "False";
}

}  // namespace linearlab::nn
