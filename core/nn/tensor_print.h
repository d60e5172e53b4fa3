#pragma once
// How print(tensor) spells a float tensor's elements: torch._tensor_str's
// _Formatter at PyTorch's default print options (precision 4, sci_mode None).
// The notation is chosen once over every element of the printed tensor; an
// element indexed on its own (t[3, 7]) is a one-element tensor and picks its own:
// 0.4120, -0.1180, 1.2346e-05, 3.
#include <cstddef>
#include <string>

namespace linearlab::nn {

class TensorPrintFormat {
public:
    /// The digits after the point (torch.set_printoptions' default precision).
    static constexpr int kPrecision = 4;

    /// Fixed notation with kPrecision digits, as for a tensor of non-integers
    /// between 1e-4 and 1e8 in magnitude.
    TensorPrintFormat() = default;
    /// The notation torch picks for `values`: integer mode when every nonzero
    /// finite value is whole ("3."), scientific when the largest |value| over the
    /// smallest exceeds 1000 or the largest exceeds 1e8 (or, not in integer mode,
    /// the smallest is below 1e-4), fixed otherwise.
    TensorPrintFormat(const float* values, std::size_t count);

    /// One element without the column padding: "-0.3370", "1.0000e-05", "2.", "nan".
    std::string format(double value) const;
    /// One element on its own, as print(t[i, j]) shows it: tensor(-0.3370), tensor(2.).
    static std::string element(float value);

    bool scientific() const { return m_sci; }
    bool integerMode() const { return m_int; }

private:
    bool m_int = false;
    bool m_sci = false;
};

}  // namespace linearlab::nn
