#pragma once
// Little-endian numbers in byte buffers: the byte order of .npy, safetensors,
// zip and pickle. Bytes are assembled one at a time, so neither the host's
// byte order nor the buffer's alignment (file offsets carry none) matters.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace linearlab::data {

/// The unsigned integer stored in the `width` (0 to 8) bytes at p.
inline std::uint64_t loadLEUnsigned(const void* p, std::size_t width) {
    const auto* b = static_cast<const unsigned char*>(p);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i)
        v |= static_cast<std::uint64_t>(b[i]) << (8 * i);
    return v;
}

/// The two's-complement integer stored in the `width` (0 to 8) bytes at p,
/// sign-extended: {0xff} is -1, {0xff, 0x00} is 255.
inline std::int64_t loadLESigned(const void* p, std::size_t width) {
    std::uint64_t u = loadLEUnsigned(p, width);
    if (width > 0 && width < 8 && ((u >> (8 * width - 1)) & 1))
        u |= ~std::uint64_t{0} << (8 * width);
    return static_cast<std::int64_t>(u);
}

/// Writes the low `width` (0 to 8) bytes of v at p.
inline void storeLEUnsigned(void* p, std::uint64_t v, std::size_t width) {
    auto* b = static_cast<unsigned char*>(p);
    for (std::size_t i = 0; i < width; ++i)
        b[i] = static_cast<unsigned char>(v >> (8 * i));
}

namespace detail {

// The unsigned integer type as wide as T, to carry a float's bits.
template <typename T>
using BitsOf = std::conditional_t<
    sizeof(T) == 1, std::uint8_t,
    std::conditional_t<sizeof(T) == 2, std::uint16_t,
                       std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>>;

}  // namespace detail

/// The T (an integer or floating-point type of at most 8 bytes) stored at p.
template <typename T>
T loadLE(const void* p) {
    static_assert(std::is_arithmetic_v<T> && sizeof(T) <= 8);
    const auto bits = static_cast<detail::BitsOf<T>>(loadLEUnsigned(p, sizeof(T)));
    T v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

/// Writes v at p in sizeof(T) bytes.
template <typename T>
void storeLE(void* p, T v) {
    static_assert(std::is_arithmetic_v<T> && sizeof(T) <= 8);
    detail::BitsOf<T> bits;
    std::memcpy(&bits, &v, sizeof v);
    storeLEUnsigned(p, bits, sizeof(T));
}

template <typename T>
void appendLE(std::string& out, T v) {
    char b[sizeof(T)];
    storeLE(b, v);
    out.append(b, sizeof(T));
}

/// The T at bytes[offset...]; false, leaving `out` as it was, when fewer than
/// sizeof(T) bytes are left there.
template <typename T>
bool readLE(std::string_view bytes, std::size_t offset, T& out) {
    if (offset > bytes.size() || bytes.size() - offset < sizeof(T))
        return false;
    out = loadLE<T>(bytes.data() + offset);
    return true;
}

}  // namespace linearlab::data
