#pragma once
// NumPy's .npy format (versions 1.0, 2.0 and 3.0) from and to bytes. The .npz
// container is a zip of these and is handled in core/io; this is the array
// layer both use. Input is hostile: the header is bounded, parsed strictly, its
// shape product overflow-checked, and nothing is allocated before the header and
// the data length have been validated.
#include "core/data/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace linearlab::data {

/// One array as stored: C order, little-endian, `data` holding exactly
/// numel() * itemSize() bytes.
struct NpyArray {
    /// numpy's descr: "<f4", "<f8", "<i8", "<i4", "|u1" ("<u1" reads as "|u1").
    std::string dtype;
    /// Any rank; () is a scalar with one element.
    std::vector<Index> shape;
    std::vector<uint8_t> data;

    Index numel() const;
    size_t itemSize() const;
    bool isInteger() const;
    /// Element i (C order) converted to double; int64 beyond 2^53 rounds.
    double valueAt(Index i) const;
    /// Element i of an integer array, exactly.
    int64_t intAt(Index i) const;

    /// Builds an array of `shape` and dtype ("<f4", "<f8" or "<i8") from values in C order.
    static NpyArray fromDoubles(const std::string& dtype, std::vector<Index> shape,
                                const std::vector<double>& values);
    static NpyArray fromInt64(std::vector<Index> shape, const std::vector<int64_t>& values);
};

/// numpy 1.24's bound on the header length (format._MAX_HEADER_SIZE).
constexpr size_t kNpyMaxHeaderSize = 10000;

/// Parses a whole .npy file held in `bytes`. Throws std::invalid_argument naming
/// the problem ("npy: fortran_order True is not supported"); `source` prefixes
/// messages when given ("weights.npy: ...").
NpyArray parseNpy(const uint8_t* bytes, size_t size, const std::string& source = "npy");
NpyArray parseNpy(const std::string& bytes, const std::string& source = "npy");
NpyArray parseNpy(const std::vector<uint8_t>& bytes, const std::string& source = "npy");

/// Serialises `array` as numpy.save does (version 1.0; header dict padded with
/// spaces and a final '\n' so that the data starts at a multiple of 64 bytes).
/// Writable dtypes: "<f4", "<f8", "<i8", "<i4", "|u1".
std::string writeNpy(const NpyArray& array);

/// The (rows, cols) matrix as a 2-D array, or as 1-D (rows,) when `asVector`
/// and cols == 1. dtype "<f4" or "<f8".
template <typename T>
NpyArray npyFromMatrix(const nn::Matrix<T>& m, const std::string& dtype = "<f4",
                       bool asVector = false);

/// A dataset from two arrays, as a .npz with keys x and y holds them:
///   x: (N, F), or (N,) read as (N, 1); float or integer values.
///   y: integer (N,) -> classification, class indices >= 0, numClasses = max + 1;
///      float (N,) -> regression (N, 1); float (N, K) -> regression (N, K).
/// N must match; NaN and Inf are rejected, naming the element.
template <typename T>
Dataset<T> datasetFromArrays(const NpyArray& x, const NpyArray& y);

extern template Dataset<float> datasetFromArrays<float>(const NpyArray&, const NpyArray&);
extern template Dataset<double> datasetFromArrays<double>(const NpyArray&, const NpyArray&);
extern template NpyArray npyFromMatrix<float>(const nn::Matrix<float>&, const std::string&, bool);
extern template NpyArray npyFromMatrix<double>(const nn::Matrix<double>&, const std::string&, bool);

}  // namespace linearlab::data
