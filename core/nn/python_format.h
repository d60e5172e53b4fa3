#pragma once
// Numbers and flags printed as Python prints them, for PyTorch's repr strings.
#include <string>

namespace linearlab::nn {

/// repr(float(v)) in Python: "0.01", "1.0", "1e-05", "1e+16", "nan", "inf".
std::string pythonFloat(double v);

/// A keyword's value as a Python program spells it: `beta=2` passes an int,
/// `beta=2.0` a float, and PyTorch's repr prints each as given.
struct PythonNumber {
    double value = 0;
    bool isInteger = false;
    PythonNumber() = default;
    PythonNumber(double v) : value(v) {}                // NOLINT: a C++ double is a Python float
    PythonNumber(int v) : value(v), isInteger(true) {}  // NOLINT: and an int an int
    PythonNumber(double v, bool integer) : value(v), isInteger(integer) {}
    bool operator==(const PythonNumber& o) const {
        return value == o.value && isInteger == o.isInteger;
    }
    bool operator!=(const PythonNumber& o) const { return !(*this == o); }
};

/// repr() of the number as spelled: "2" for an int, "2.0" or "0.01" for a float.
/// An int spelling of a value that is no integer prints as the float it is.
std::string pythonNumber(const PythonNumber& n);

/// "True" / "False".
inline std::string pythonBool(bool b) {
    return b ? "True" : "False";
}

}  // namespace linearlab::nn
