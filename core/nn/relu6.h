#pragma once
#include "core/nn/hardtanh.h"

namespace linearlab::nn {

/// torch.nn.ReLU6: Hardtanh(0., 6.), whose repr shows no arguments.
template <typename T>
class ReLU6 : public Hardtanh<T> {
public:
    ReLU6() : Hardtanh<T>(0.0, 6.0) {}
    std::string typeName() const override { return "ReLU6"; }

protected:
    std::string extraRepr() const override { return {}; }
};

}  // namespace linearlab::nn
