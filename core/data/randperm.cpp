#include "core/data/randperm.h"

#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

namespace linearlab::data {

void randperm(nn::Index n, nn::Generator& gen, std::vector<nn::Index>& perm) {
    if (n < 0)
        throw std::invalid_argument("randperm: n must be non-negative, got " + std::to_string(n));
    perm.resize(static_cast<size_t>(n));
    std::iota(perm.begin(), perm.end(), nn::Index{0});
    // PyTorch keeps this 32-bit draw for n < 2^32 / 20 ("preserve old behavior");
    // datasets here are far below that bound.
    // The draw is 32 bits and n - i fits them, so a 32-bit modulo gives
    // PyTorch's 64-bit one's value at a fraction of a 64-bit division's cost.
    if (n > nn::Index{UINT32_MAX})
        throw std::invalid_argument("randperm: n must be below 2^32, got " + std::to_string(n));
    for (nn::Index i = 0; i + 1 < n; ++i) {
        const nn::Index z = static_cast<nn::Index>(gen.random() % static_cast<uint32_t>(n - i));
        std::swap(perm[static_cast<size_t>(i)], perm[static_cast<size_t>(z + i)]);
    }
}

std::vector<nn::Index> randperm(nn::Index n, nn::Generator& gen) {
    std::vector<nn::Index> perm;
    randperm(n, gen, perm);
    return perm;
}

}  // namespace linearlab::data
