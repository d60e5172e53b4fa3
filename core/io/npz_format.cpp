#include "core/io/npz_format.h"

#include "core/io/io_util.h"
#include "core/io/zip_archive.h"

#include <cctype>
#include <stdexcept>

namespace linearlab::io {

// A private .npy codec: core/data is to gain a shared one; until then the
// weight formats carry this minimal, hostile-safe version.
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMaxHeaderBytes = 100000;  // numpy itself refuses headers over 10000 by default

struct NpyHeader {
    std::string descr;
    bool fortranOrder = false;
    nn::Shape shape;
};

// Parses the Python dict literal of an .npy header, accepting exactly the
// three keys numpy writes and nothing executable.
class HeaderParser {
public:
    explicit HeaderParser(const std::string& text) : m_s(text) {}

    NpyHeader parse(int maxRank) {
        NpyHeader h;
        bool seenDescr = false, seenOrder = false, seenShape = false;
        expect('{');
        for (;;) {
            skipSpace();
            if (peek() == '}') {
                ++m_p;
                break;
            }
            const std::string key = parseString();
            expect(':');
            skipSpace();
            if (key == "descr" && !seenDescr) {
                h.descr = parseString();
                seenDescr = true;
            } else if (key == "fortran_order" && !seenOrder) {
                h.fortranOrder = parseBool();
                seenOrder = true;
            } else if (key == "shape" && !seenShape) {
                h.shape = parseShape(maxRank);
                seenShape = true;
            } else {
                throw std::runtime_error("npy header has unexpected key '" + key + "'");
            }
            skipSpace();
            if (peek() == ',') {
                ++m_p;
                continue;
            }
            expect('}');
            break;
        }
        skipSpace();
        if (m_p != m_s.size())
            throw std::runtime_error("npy header has text after its dictionary");
        if (!seenDescr || !seenOrder || !seenShape)
            throw std::runtime_error("npy header lacks descr, fortran_order or shape");
        return h;
    }

private:
    char peek() const { return m_p < m_s.size() ? m_s[m_p] : '\0'; }
    void skipSpace() {
        while (m_p < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_p])))
            ++m_p;
    }
    void expect(char c) {
        skipSpace();
        if (peek() != c)
            throw std::runtime_error(std::string("npy header: expected '") + c + "'");
        ++m_p;
    }
    std::string parseString() {
        skipSpace();
        const char q = peek();
        if (q != '\'' && q != '"')
            throw std::runtime_error("npy header: expected a string");
        ++m_p;
        std::string out;
        while (m_p < m_s.size() && m_s[m_p] != q) {
            if (m_s[m_p] == '\\')
                throw std::runtime_error("npy header: escapes are not supported");
            out += m_s[m_p++];
        }
        if (m_p >= m_s.size())
            throw std::runtime_error("npy header: unterminated string");
        ++m_p;
        return out;
    }
    bool parseBool() {
        if (m_s.compare(m_p, 4, "True") == 0) {
            m_p += 4;
            return true;
        }
        if (m_s.compare(m_p, 5, "False") == 0) {
            m_p += 5;
            return false;
        }
        throw std::runtime_error("npy header: fortran_order is not True or False");
    }
    nn::Shape parseShape(int maxRank) {
        expect('(');
        nn::Shape shape;
        for (;;) {
            skipSpace();
            if (peek() == ')') {
                ++m_p;
                break;
            }
            std::int64_t v = 0;
            size_t digits = 0;
            while (std::isdigit(static_cast<unsigned char>(peek()))) {
                if (++digits > 18)
                    throw std::runtime_error("npy header: dimension too large");
                v = v * 10 + (m_s[m_p++] - '0');
            }
            if (digits == 0)
                throw std::runtime_error("npy header: shape holds a non-integer");
            if (peek() == 'L')  // Python 2 longs
                ++m_p;
            if (static_cast<int>(shape.size()) >= maxRank)
                throw std::runtime_error("npy header: more than " + std::to_string(maxRank) +
                                         " dimensions");
            shape.push_back(v);
            skipSpace();
            if (peek() == ',') {
                ++m_p;
                continue;
            }
            expect(')');
            break;
        }
        return shape;
    }

    const std::string& m_s;
    size_t m_p = 0;
};

struct NpyDType {
    char kind;  // 'f', 'i', 'u', 'b'
    int size;
    const char* torchName;
};

NpyDType parseDescr(const std::string& descr) {
    if (descr.size() < 3)
        throw std::runtime_error("npy dtype '" + descr + "' is not supported");
    const char order = descr[0];
    const char kind = descr[1];
    const std::string width = descr.substr(2);
    static const struct {
        char kind;
        const char* width;
        int size;
        const char* name;
    } known[] = {{'f', "2", 2, "float16"}, {'f', "4", 4, "float32"}, {'f', "8", 8, "float64"},
                 {'i', "1", 1, "int8"},    {'i', "2", 2, "int16"},   {'i', "4", 4, "int32"},
                 {'i', "8", 8, "int64"},   {'u', "1", 1, "uint8"},   {'u', "2", 2, "uint16"},
                 {'u', "4", 4, "uint32"},  {'u', "8", 8, "uint64"},  {'b', "1", 1, "bool"}};
    for (const auto& k : known) {
        if (k.kind != kind || width != k.width)
            continue;
        // One-byte types are written with '|'; wider ones must be little-endian.
        if (order == '<' || order == '|' || (order == '=' && k.size == 1))
            return {kind, k.size, k.name};
        if (order == '>')
            throw std::runtime_error("npy dtype '" + descr + "' is big-endian, not supported");
    }
    throw std::runtime_error("npy dtype '" + descr + "' is not supported");
}

float loadScalar(const NpyDType& t, const char* p) {
    switch (t.kind) {
        case 'f':
            if (t.size == 2)
                return detail::halfToFloat(detail::loadLE<std::uint16_t>(p));
            if (t.size == 4)
                return detail::loadLE<float>(p);
            return detail::doubleToFloat(detail::loadLE<double>(p));
        case 'i':
            if (t.size == 1)
                return static_cast<float>(static_cast<std::int8_t>(*p));
            if (t.size == 2)
                return static_cast<float>(detail::loadLE<std::int16_t>(p));
            if (t.size == 4)
                return static_cast<float>(detail::loadLE<std::int32_t>(p));
            return static_cast<float>(detail::loadLE<std::int64_t>(p));
        case 'u':
            if (t.size == 1)
                return static_cast<float>(static_cast<std::uint8_t>(*p));
            if (t.size == 2)
                return static_cast<float>(detail::loadLE<std::uint16_t>(p));
            if (t.size == 4)
                return static_cast<float>(detail::loadLE<std::uint32_t>(p));
            return static_cast<float>(detail::loadLE<std::uint64_t>(p));
        default:
            return *p != 0 ? 1.0f : 0.0f;
    }
}

std::string shapeTuple(const nn::Shape& shape) {
    std::string s = "(";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    if (shape.size() == 1)
        s += ",";
    return s + ")";
}

}  // namespace

std::string encodeNpy(const NamedTensor& tensor) {
    const std::int64_t n = detail::checkedNumel(tensor.shape, tensor.name);
    if (static_cast<std::int64_t>(tensor.values.size()) != n)
        throw std::runtime_error("tensor '" + tensor.name + "' has " +
                                 std::to_string(tensor.values.size()) + " values for shape " +
                                 nn::shapeString(tensor.shape));
    std::string header =
        "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeTuple(tensor.shape) + ", }";
    // numpy pads with spaces and ends with '\n' so the data starts 64-byte aligned.
    const size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    if (header.size() > 65535)
        throw std::runtime_error("tensor '" + tensor.name + "' has too many dimensions for .npy");
    std::string out(kMagic, 6);
    out += '\x01';
    out += '\x00';
    detail::appendLE<std::uint16_t>(out, static_cast<std::uint16_t>(header.size()));
    out += header;
    out.append(reinterpret_cast<const char*>(tensor.values.data()),
               tensor.values.size() * sizeof(float));
    return out;
}

NamedTensor decodeNpy(const std::string& bytes, const std::string& name, const ReadLimits& limits) {
    if (bytes.size() < 10 || bytes.compare(0, 6, kMagic, 6) != 0)
        throw std::runtime_error("not a .npy array (bad magic)");
    const int major = static_cast<unsigned char>(bytes[6]);
    size_t headerLength;
    size_t headerStart;
    if (major == 1) {
        headerLength = detail::loadLE<std::uint16_t>(bytes.data() + 8);
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            throw std::runtime_error(".npy header length is truncated");
        headerLength = detail::loadLE<std::uint32_t>(bytes.data() + 8);
        headerStart = 12;
    } else {
        throw std::runtime_error(".npy format version " + std::to_string(major) +
                                 " is not supported");
    }
    if (headerLength > kMaxHeaderBytes)
        throw std::runtime_error(".npy header length " + std::to_string(headerLength) +
                                 " exceeds " + std::to_string(kMaxHeaderBytes));
    if (headerLength > bytes.size() - headerStart)
        throw std::runtime_error(".npy header length " + std::to_string(headerLength) +
                                 " runs past the end of the data");
    const std::string headerText = bytes.substr(headerStart, headerLength);
    const NpyHeader header = HeaderParser(headerText).parse(limits.maxRank);
    const NpyDType dtype = parseDescr(header.descr);
    const std::int64_t count = detail::checkedNumel(header.shape, "array '" + name + "'");
    const std::int64_t byteLength = detail::checkedMul(count, dtype.size, "array '" + name + "'");
    const std::int64_t available =
        static_cast<std::int64_t>(bytes.size() - headerStart - headerLength);
    if (byteLength != available)
        throw std::runtime_error("array '" + name + "' of shape " + nn::shapeString(header.shape) +
                                 " needs " + std::to_string(byteLength) + " data bytes, file has " +
                                 std::to_string(available));
    NamedTensor t;
    t.name = name;
    t.dtype = dtype.torchName;
    t.shape = header.shape;
    t.values.resize(static_cast<size_t>(count));
    const char* data = bytes.data() + headerStart + headerLength;
    if (!header.fortranOrder || header.shape.size() < 2) {
        for (std::int64_t i = 0; i < count; ++i)
            t.values[static_cast<size_t>(i)] = loadScalar(dtype, data + i * dtype.size);
        return t;
    }
    // Fortran order: the file walks the first index fastest; scatter into C order.
    const size_t rank = header.shape.size();
    std::vector<std::int64_t> cStride(rank, 1);
    for (size_t d = rank - 1; d > 0; --d)
        cStride[d - 1] = cStride[d] * header.shape[d];
    std::vector<std::int64_t> index(rank, 0);
    for (std::int64_t k = 0; k < count; ++k) {
        std::int64_t c = 0;
        for (size_t d = 0; d < rank; ++d)
            c += index[d] * cStride[d];
        t.values[static_cast<size_t>(c)] = loadScalar(dtype, data + k * dtype.size);
        for (size_t d = 0; d < rank; ++d) {
            if (++index[d] < header.shape[d])
                break;
            index[d] = 0;
        }
    }
    return t;
}

std::string encodeNpz(const StateDict& tensors) {
    ZipArchiveWriter zip;
    for (const NamedTensor& t : tensors)
        zip.add(t.name + ".npy", encodeNpy(t));
    return zip.finish();
}

StateDict decodeNpz(const std::string& bytes, const ReadLimits& limits) {
    ZipArchiveReader zip(bytes, limits);
    if (static_cast<std::int64_t>(zip.names().size()) > limits.maxTensors)
        throw std::runtime_error("npz holds more than " + std::to_string(limits.maxTensors) +
                                 " arrays");
    StateDict out;
    for (const std::string& member : zip.names()) {
        std::string name = member;
        if (name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0)
            name.resize(name.size() - 4);
        for (const NamedTensor& seen : out)
            if (seen.name == name)
                throw std::runtime_error("npz holds '" + name + "' twice");
        try {
            out.push_back(decodeNpy(zip.read(member), name, limits));
        } catch (const std::runtime_error& e) {
            throw std::runtime_error("member '" + member + "': " + e.what());
        }
    }
    return out;
}

}  // namespace linearlab::io
