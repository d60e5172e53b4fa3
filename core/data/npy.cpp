#include "core/data/npy.h"

#include "core/data/dataset_memory.h"
#include "core/data/little_endian.h"
#include "core/nn/plural.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string_view>

namespace linearlab::data {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicLen = 6;
// Largest class index accepted from a file: the output layer gets this many units,
// so a hostile label must not turn into a huge allocation.
constexpr int64_t kMaxClassIndex = 100000;

struct DtypeInfo {
    const char* descr;
    size_t itemSize;
    bool integer;
};
constexpr DtypeInfo kDtypes[] = {
    {"<f4", 4, false}, {"<f8", 8, false}, {"<i8", 8, true}, {"<i4", 4, true}, {"|u1", 1, true},
};

const DtypeInfo* findDtype(const std::string& descr) {
    const std::string d = descr == "<u1" ? "|u1" : descr;
    for (const DtypeInfo& info : kDtypes)
        if (d == info.descr)
            return &info;
    return nullptr;
}

std::string supportedDtypes() {
    std::string s;
    for (const DtypeInfo& info : kDtypes)
        s += (s.empty() ? "'" : ", '") + std::string(info.descr) + "'";
    return s;
}

const DtypeInfo& dtypeOrThrow(const std::string& descr, const std::string& source) {
    const DtypeInfo* info = findDtype(descr);
    if (!info)
        throw std::invalid_argument(source + ": unsupported dtype '" + descr + "'; supported are " +
                                    supportedDtypes());
    return *info;
}

// numel * itemSize, or throws when it does not fit an Index.
Index byteCount(const std::vector<Index>& shape, size_t itemSize, const std::string& source) {
    constexpr Index kMax = std::numeric_limits<Index>::max();
    Index n = 1;
    for (Index d : shape) {
        if (d < 0)
            throw std::invalid_argument(source + ": negative dimension in shape " +
                                        nn::shapeTuple(shape));
        if (d != 0 && n > kMax / d)
            throw std::invalid_argument(source + ": shape " + nn::shapeTuple(shape) +
                                        " has more elements than can be addressed");
        n *= d;
    }
    if (n > kMax / static_cast<Index>(itemSize))
        throw std::invalid_argument(source + ": shape " + nn::shapeTuple(shape) +
                                    " needs more bytes than can be addressed");
    return n * static_cast<Index>(itemSize);
}

// A strict reader of exactly the dict numpy writes: keys 'descr', 'fortran_order'
// and 'shape', each once, with Python literal values; nothing is evaluated.
class HeaderParser {
public:
    HeaderParser(std::string_view text, const std::string& source) : m_s(text), m_source(source) {}

    void parse(std::string& descr, bool& fortranOrder, std::vector<Index>& shape) {
        bool haveDescr = false, haveFortran = false, haveShape = false;
        skipSpace();
        expect('{');
        skipSpace();
        while (peek() != '}') {
            const std::string key = quoted();
            skipSpace();
            expect(':');
            skipSpace();
            if (key == "descr") {
                once(haveDescr, key);
                descr = quoted();
            } else if (key == "fortran_order") {
                once(haveFortran, key);
                fortranOrder = boolean();
            } else if (key == "shape") {
                once(haveShape, key);
                shape = tuple();
            } else {
                fail("unexpected key '" + key + "' in header");
            }
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                skipSpace();
            } else if (peek() != '}') {
                fail("expected ',' or '}' in header at byte " + std::to_string(m_pos));
            }
        }
        ++m_pos;
        if (!haveDescr)
            fail("header has no 'descr'");
        if (!haveFortran)
            fail("header has no 'fortran_order'");
        if (!haveShape)
            fail("header has no 'shape'");
        // Only padding may follow: spaces, then the newline that ends the header.
        if (m_s.empty() || m_s.back() != '\n')
            fail("header does not end with a newline");
        for (size_t i = m_pos; i + 1 < m_s.size(); ++i)
            if (m_s[i] != ' ' && m_s[i] != '\t' && m_s[i] != '\n' && m_s[i] != '\r')
                fail("unexpected text after the header dict");
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::invalid_argument(m_source + ": " + what);
    }
    char peek() const {
        if (m_pos >= m_s.size())
            fail("header ends inside the dict");
        return m_s[m_pos];
    }
    void expect(char c) {
        if (peek() != c)
            fail(std::string("expected '") + c + "' in header at byte " + std::to_string(m_pos));
        ++m_pos;
    }
    void skipSpace() {
        while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t'))
            ++m_pos;
    }
    void once(bool& seen, const std::string& key) const {
        if (seen)
            fail("key '" + key + "' appears twice in header");
        seen = true;
    }
    std::string quoted() {
        const char q = peek();
        if (q != '\'' && q != '"')
            fail("expected a quoted string in header at byte " + std::to_string(m_pos));
        ++m_pos;
        std::string out;
        while (peek() != q) {
            const char c = m_s[m_pos++];
            // Printable ASCII only: no escapes, nothing that could hide structure.
            if (c < 0x20 || c > 0x7e || c == '\\')
                fail("unexpected character in a header string");
            if (out.size() > 64)
                fail("header string too long");
            out += c;
        }
        ++m_pos;
        return out;
    }
    bool boolean() {
        if (m_s.substr(m_pos, 4) == "True") {
            m_pos += 4;
            return true;
        }
        if (m_s.substr(m_pos, 5) == "False") {
            m_pos += 5;
            return false;
        }
        fail("fortran_order must be True or False");
    }
    Index integer() {
        constexpr Index kMax = std::numeric_limits<Index>::max();
        if (peek() < '0' || peek() > '9')
            fail("expected a non-negative integer in shape at byte " + std::to_string(m_pos));
        Index v = 0;
        while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9') {
            const Index digit = m_s[m_pos++] - '0';
            if (v > (kMax - digit) / 10)
                fail("a dimension of shape is too large");
            v = v * 10 + digit;
        }
        return v;
    }
    std::vector<Index> tuple() {
        std::vector<Index> dims;
        expect('(');
        skipSpace();
        bool trailingComma = false;
        while (peek() != ')') {
            if (dims.size() >= 64)
                fail("shape has more than 64 dimensions");
            dims.push_back(integer());
            skipSpace();
            trailingComma = false;
            if (peek() == ',') {
                ++m_pos;
                trailingComma = true;
                skipSpace();
            } else if (peek() != ')') {
                fail("expected ',' or ')' in shape at byte " + std::to_string(m_pos));
            }
        }
        ++m_pos;
        // (3) is the integer 3 in Python, not a tuple.
        if (dims.size() == 1 && !trailingComma)
            fail("shape must be a tuple; a single dimension is written (3,)");
        return dims;
    }

    std::string_view m_s;
    const std::string& m_source;
    size_t m_pos = 0;
};

}  // namespace

Index NpyArray::numel() const {
    Index n = 1;
    for (Index d : shape)
        n *= d;
    return n;
}

size_t NpyArray::itemSize() const {
    const DtypeInfo* info = findDtype(dtype);
    return info ? info->itemSize : 0;
}

bool NpyArray::isInteger() const {
    const DtypeInfo* info = findDtype(dtype);
    return info && info->integer;
}

double NpyArray::valueAt(Index i) const {
    const size_t size = itemSize();
    const uint8_t* p = data.data() + static_cast<size_t>(i) * size;
    if (dtype == "<f4")
        return loadLE<float>(p);
    if (dtype == "<f8")
        return loadLE<double>(p);
    return static_cast<double>(intAt(i));
}

int64_t NpyArray::intAt(Index i) const {
    const size_t size = itemSize();
    const uint8_t* p = data.data() + static_cast<size_t>(i) * size;
    if (dtype == "<i8")
        return loadLE<int64_t>(p);
    if (dtype == "<i4")
        return loadLE<int32_t>(p);
    if (dtype == "|u1" || dtype == "<u1")
        return p[0];
    throw std::invalid_argument("npy: dtype '" + dtype + "' is not an integer type");
}

NpyArray NpyArray::fromDoubles(const std::string& dtype, std::vector<Index> shape,
                               const std::vector<double>& values) {
    const DtypeInfo& info = dtypeOrThrow(dtype, "npy");
    NpyArray a;
    a.dtype = info.descr;
    a.shape = std::move(shape);
    const Index bytes = byteCount(a.shape, info.itemSize, "npy");
    if (static_cast<size_t>(a.numel()) != values.size())
        throw std::invalid_argument("npy: shape " + nn::shapeTuple(a.shape) + " needs " +
                                    nn::countOf(a.numel(), "value", "values") + ", got " +
                                    std::to_string(values.size()));
    a.data.resize(static_cast<size_t>(bytes));
    for (size_t i = 0; i < values.size(); ++i) {
        uint8_t* p = a.data.data() + i * info.itemSize;
        if (a.dtype == "<f4")
            storeLE(p, static_cast<float>(values[i]));
        else if (a.dtype == "<f8")
            storeLE(p, values[i]);
        else
            storeLEUnsigned(p, static_cast<uint64_t>(static_cast<int64_t>(values[i])),
                            info.itemSize);
    }
    return a;
}

NpyArray NpyArray::fromInt64(std::vector<Index> shape, const std::vector<int64_t>& values) {
    NpyArray a;
    a.dtype = "<i8";
    a.shape = std::move(shape);
    const Index bytes = byteCount(a.shape, 8, "npy");
    if (static_cast<size_t>(a.numel()) != values.size())
        throw std::invalid_argument("npy: shape " + nn::shapeTuple(a.shape) + " needs " +
                                    nn::countOf(a.numel(), "value", "values") + ", got " +
                                    std::to_string(values.size()));
    a.data.resize(static_cast<size_t>(bytes));
    for (size_t i = 0; i < values.size(); ++i)
        storeLE(a.data.data() + i * 8, values[i]);
    return a;
}

NpyArray parseNpy(const uint8_t* bytes, size_t size, const std::string& source) {
    if (size < kMagicLen + 2 || std::memcmp(bytes, kMagic, kMagicLen) != 0)
        throw std::invalid_argument(source + ": not a .npy file (bad magic string)");
    const int major = bytes[6], minor = bytes[7];
    if (!((major == 1 || major == 2 || major == 3) && minor == 0))
        throw std::invalid_argument(source + ": unsupported .npy format version " +
                                    std::to_string(major) + "." + std::to_string(minor));
    const size_t lengthBytes = major == 1 ? 2 : 4;
    const size_t prelude = kMagicLen + 2 + lengthBytes;
    if (size < prelude)
        throw std::invalid_argument(source + ": file ends inside the header length");
    const uint64_t headerLen = loadLEUnsigned(bytes + kMagicLen + 2, lengthBytes);
    if (headerLen > kNpyMaxHeaderSize)
        throw std::invalid_argument(source + ": header is " + std::to_string(headerLen) +
                                    " bytes, more than numpy's limit of " +
                                    std::to_string(kNpyMaxHeaderSize));
    if (headerLen > size - prelude)
        throw std::invalid_argument(source + ": file ends inside the header");

    std::string descr;
    bool fortranOrder = false;
    std::vector<Index> shape;
    HeaderParser(std::string_view(reinterpret_cast<const char*>(bytes + prelude), headerLen),
                 source)
        .parse(descr, fortranOrder, shape);
    if (fortranOrder)
        throw std::invalid_argument(source +
                                    ": fortran_order True is not supported; save a "
                                    "C-contiguous array (numpy.ascontiguousarray)");
    const DtypeInfo& info = dtypeOrThrow(descr, source);
    const Index expected = byteCount(shape, info.itemSize, source);

    const size_t offset = prelude + static_cast<size_t>(headerLen);
    const size_t available = size - offset;
    if (available < static_cast<uint64_t>(expected))
        throw std::invalid_argument(source + ": data is truncated: shape " + nn::shapeTuple(shape) +
                                    " of " + descr + " needs " + std::to_string(expected) +
                                    " bytes, the file has " + std::to_string(available));
    if (available > static_cast<uint64_t>(expected))
        throw std::invalid_argument(source + ": " + std::to_string(available - expected) +
                                    " trailing bytes after the data of shape " +
                                    nn::shapeTuple(shape));

    // Validated: the allocation is the size of bytes already in memory.
    NpyArray a;
    a.dtype = info.descr;
    a.shape = std::move(shape);
    a.data.assign(bytes + offset, bytes + size);
    return a;
}

NpyArray parseNpy(const std::string& bytes, const std::string& source) {
    return parseNpy(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), source);
}

NpyArray parseNpy(const std::vector<uint8_t>& bytes, const std::string& source) {
    return parseNpy(bytes.data(), bytes.size(), source);
}

std::string writeNpy(const NpyArray& array) {
    const DtypeInfo& info = dtypeOrThrow(array.dtype, "npy");
    const Index bytes = byteCount(array.shape, info.itemSize, "npy");
    if (static_cast<size_t>(bytes) != array.data.size())
        throw std::invalid_argument("npy: shape " + nn::shapeTuple(array.shape) + " needs " +
                                    std::to_string(bytes) + " bytes of data, the array has " +
                                    std::to_string(array.data.size()));
    // numpy.lib.format._write_array_header: sorted keys, repr values, then spare
    // spaces so the first axis can grow in place (GROWTH_AXIS_MAX_DIGITS = 21).
    std::string header = "{'descr': '" + std::string(info.descr) +
                         "', 'fortran_order': False, 'shape': " + nn::shapeTuple(array.shape) +
                         ", }";
    if (!array.shape.empty()) {
        const size_t digits = std::to_string(array.shape[0]).size();
        if (digits < 21)
            header.append(21 - digits, ' ');
    }
    // _wrap_header: pad so that magic, version, length and header end on a
    // 64-byte boundary; the padding is never empty (64 when already aligned).
    const size_t hlen = header.size() + 1;
    const size_t padlen = 64 - ((kMagicLen + 2 + 2 + hlen) % 64);
    const size_t total = hlen + padlen;
    if (total > 0xFFFF)
        throw std::invalid_argument("npy: header too long for format version 1.0");
    std::string out(kMagic, kMagicLen);
    out += '\x01';
    out += '\x00';
    appendLE(out, static_cast<uint16_t>(total));
    out += header;
    out.append(padlen, ' ');
    out += '\n';
    out.append(reinterpret_cast<const char*>(array.data.data()), array.data.size());
    return out;
}

template <typename T>
NpyArray npyFromMatrix(const nn::Matrix<T>& m, const std::string& dtype, bool asVector) {
    std::vector<double> values(static_cast<size_t>(m.size()));
    for (Index i = 0; i < m.size(); ++i)
        values[static_cast<size_t>(i)] = static_cast<double>(m.data()[i]);
    std::vector<Index> shape = asVector && m.cols() == 1 ? std::vector<Index>{m.rows()}
                                                         : std::vector<Index>{m.rows(), m.cols()};
    return NpyArray::fromDoubles(dtype, std::move(shape), values);
}

namespace {

// x and y as datasetFromArrays accepts them, checked before any element is
// read; returns the number of samples.
Index checkedSampleCount(const NpyArray& x, const NpyArray& y) {
    if (!findDtype(x.dtype) || !findDtype(y.dtype))
        throw std::invalid_argument("unsupported dtype '" +
                                    (findDtype(x.dtype) ? y.dtype : x.dtype) + "'");
    if (x.shape.size() != 1 && x.shape.size() != 2)
        throw std::invalid_argument("x must have shape (N, features) or (N,), got " +
                                    nn::shapeTuple(x.shape));
    if (y.shape.size() != 1 && y.shape.size() != 2)
        throw std::invalid_argument("y must have shape (N,) or (N, targets), got " +
                                    nn::shapeTuple(y.shape));
    // The byte counts must agree with the shapes before any element is read.
    if (static_cast<size_t>(byteCount(x.shape, x.itemSize(), "x")) != x.data.size() ||
        static_cast<size_t>(byteCount(y.shape, y.itemSize(), "y")) != y.data.size())
        throw std::invalid_argument("array data does not match its shape");
    const Index n = x.shape[0];
    if (y.shape[0] != n)
        throw std::invalid_argument("x has " + nn::countOf(n, "sample", "samples") + " but y has " +
                                    std::to_string(y.shape[0]));
    if (n == 0)
        throw std::invalid_argument("x and y have no samples");
    return n;
}

// "x[3]" or "x[1, 2]": element i of a 1-D or 2-D array, as numpy indexes it.
std::string elementPlace(const char* name, const std::vector<Index>& shape, Index i) {
    if (shape.size() == 1)
        return std::string(name) + "[" + std::to_string(i) + "]";
    return std::string(name) + "[" + std::to_string(i / shape[1]) + ", " +
           std::to_string(i % shape[1]) + "]";
}

// Every element of `a` into `out` (already of a's size), each one finite.
template <typename T>
void copyFinite(const NpyArray& a, const char* name, nn::Matrix<T>& out) {
    for (Index i = 0; i < a.numel(); ++i) {
        const double v = a.valueAt(i);
        if (!std::isfinite(v))
            throw std::invalid_argument(elementPlace(name, a.shape, i) + " is " +
                                        (std::isnan(v) ? "nan" : "inf") + "; data must be finite");
        out.data()[i] = static_cast<T>(v);
    }
}

// Integer y as class indices 0..kMaxClassIndex; classes are 0 to the largest seen.
template <typename T>
void readClassLabels(const NpyArray& y, Index n, Dataset<T>& d) {
    if (y.shape.size() == 2 && y.shape[1] != 1)
        throw std::invalid_argument("integer y holds class indices and must have shape (N,), got " +
                                    nn::shapeTuple(y.shape));
    d.classification = true;
    d.y.resize(n, 1);
    int64_t maxLabel = -1;
    for (Index i = 0; i < n; ++i) {
        const int64_t label = y.intAt(i);
        if (label < 0 || label > kMaxClassIndex)
            throw std::invalid_argument(elementPlace("y", y.shape, i) + " = " +
                                        std::to_string(label) + " is not a class index (0 to " +
                                        std::to_string(kMaxClassIndex) + ")");
        maxLabel = std::max(maxLabel, label);
        d.y(i, 0) = static_cast<T>(label);
    }
    d.numClasses = static_cast<Index>(maxLabel + 1);
    for (Index c = 0; c < d.numClasses; ++c)
        d.classNames.push_back(std::to_string(c));
}

}  // namespace

template <typename T>
Dataset<T> datasetFromArrays(const NpyArray& x, const NpyArray& y) {
    const Index n = checkedSampleCount(x, y);
    const Index features = x.shape.size() == 2 ? x.shape[1] : 1;
    if (features == 0)
        throw std::invalid_argument("x has no features: shape " + nn::shapeTuple(x.shape));
    // From the shapes, before the dataset's matrices are allocated.
    DatasetShape shape;
    shape.samples = n;
    shape.features = features;
    shape.classification = y.isInteger();
    shape.targets = y.shape.size() == 2 ? y.shape[1] : 1;
    nn::checkMemory(datasetBytes(shape, sizeof(T)), "", describeSamples(shape), n != 1);
    Dataset<T> d;
    d.x.resize(n, features);
    copyFinite(x, "x", d.x);
    if (y.isInteger()) {
        readClassLabels(y, n, d);
        return d;
    }
    const Index targets = y.shape.size() == 2 ? y.shape[1] : 1;
    if (targets == 0)
        throw std::invalid_argument("y has no targets: shape " + nn::shapeTuple(y.shape));
    d.y.resize(n, targets);
    copyFinite(y, "y", d.y);
    return d;
}

template Dataset<float> datasetFromArrays<float>(const NpyArray&, const NpyArray&);
template Dataset<double> datasetFromArrays<double>(const NpyArray&, const NpyArray&);
template NpyArray npyFromMatrix<float>(const nn::Matrix<float>&, const std::string&, bool);
template NpyArray npyFromMatrix<double>(const nn::Matrix<double>&, const std::string&, bool);

}  // namespace linearlab::data
