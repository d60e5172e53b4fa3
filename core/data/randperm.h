#pragma once
// torch.randperm(n, generator=g) on the CPU, so that a split or a shuffle under a
// seed picks the samples PyTorch would pick.
#include "core/nn/generator.h"
#include "core/nn/tensor.h"

#include <vector>

namespace linearlab::data {

/// Fills `perm` (resized to n, which allocates only when n grows past its
/// capacity) with a permutation of 0 .. n-1 drawn as at::randperm_cpu draws it:
/// arange(n), then for i in [0, n-1) swap element i with i + random() % (n - i).
void randperm(nn::Index n, nn::Generator& gen, std::vector<nn::Index>& perm);

/// As above, returning a new vector.
std::vector<nn::Index> randperm(nn::Index n, nn::Generator& gen);

}  // namespace linearlab::data
