#pragma once
// PyTorch's CPU generator: a 32-bit Mersenne Twister seeded with the low 32 bits
// of the seed, drawn as torch/csrc's at::uniform_real_distribution and
// at::normal_distribution draw it, float tensors from 24 bits of one word, double
// tensors from 53 bits of two (random64), so that under the same seed the inits
// give PyTorch's values bit for bit in either dtype.
#include <cstdint>
#include <optional>
#include <random>

namespace linearlab::nn {

class Generator {
public:
    /// PyTorch's default seed (c10::default_rng_seed_val).
    static constexpr uint64_t kDefaultSeed = 67280421310721ULL;

    explicit Generator(uint64_t seed = kDefaultSeed) { manualSeed(seed); }

    /// As torch.manual_seed(seed).
    void manualSeed(uint64_t seed);
    uint64_t initialSeed() const { return m_seed; }

    /// One 32-bit word.
    uint32_t random() { return static_cast<uint32_t>(m_engine()); }
    /// Two words, the first as the high half (at::CPUGeneratorImpl::random64).
    uint64_t random64();

    /// One element of a float tensor's uniform_(from, to): 24 random bits.
    float uniformFloat(float from, float to);
    /// One element of a double tensor's uniform_(from, to): 53 random bits.
    double uniformDouble(double from, double to);
    /// One sample of at::normal_distribution<double>(mean, std): Box-Muller in
    /// double, the second value cached (unscaled) for the next call, as PyTorch
    /// caches it in its generator; x * std + mean fused, as PyTorch's AVX2 build does.
    double normalDouble(double mean = 0.0, double std = 1.0);

private:
    std::mt19937 m_engine;
    uint64_t m_seed = kDefaultSeed;
    std::optional<double> m_nextNormal;
};

/// Element type dispatch: uniform<float> draws as a float tensor, uniform<double> as a double one.
template <typename T>
T uniformSample(Generator& gen, T from, T to);
template <>
inline float uniformSample<float>(Generator& gen, float from, float to) {
    return gen.uniformFloat(from, to);
}
template <>
inline double uniformSample<double>(Generator& gen, double from, double to) {
    return gen.uniformDouble(from, to);
}

}  // namespace linearlab::nn
