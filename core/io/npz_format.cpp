#include "core/io/npz_format.h"

#include "core/data/npy.h"

#include "core/io/io_util.h"
#include "core/io/printable_text.h"
#include "core/io/zip_archive.h"

#include <cstring>
#include <stdexcept>
#include <unordered_set>

namespace linearlab::io {

namespace {

// Names as torch spells them, for the dtypes core/data's reader accepts.
std::string torchDType(const std::string& descr) {
    if (descr == "<f4")
        return "float32";
    if (descr == "<f8")
        return "float64";
    if (descr == "<i8")
        return "int64";
    if (descr == "<i4")
        return "int32";
    if (descr == "|u1")
        return "uint8";
    return descr;
}

}  // namespace

std::string encodeNpy(const NamedTensor& tensor) {
    detail::checkValueCount(tensor);
    data::NpyArray array;
    array.dtype = tensor.values.dtype() == nn::DType::Float64 ? "<f8" : "<f4";
    array.shape = tensor.shape;
    array.data.resize(tensor.values.byteSize());
    if (!array.data.empty())
        std::memcpy(array.data.data(), tensor.values.data(), array.data.size());
    try {
        return data::writeNpy(array);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(e.what());
    }
}

namespace {

NamedTensor decodeNpyCounted(const std::string& bytes, const std::string& name,
                             const ReadLimits& limits, detail::DecodedTotal& decoded) {
    data::NpyArray array;
    try {
        array = data::parseNpy(bytes, "array '" + name + "'");
    } catch (const std::invalid_argument& e) {
        // core/data reports user-facing input errors as invalid_argument; here it is file I/O.
        throw std::runtime_error(e.what());
    }
    if (static_cast<int>(array.shape.size()) > limits.maxRank)
        throw std::runtime_error("array '" + name + "' has " + std::to_string(array.shape.size()) +
                                 " dimensions, more than " + std::to_string(limits.maxRank));
    NamedTensor t;
    t.name = name;
    t.dtype = torchDType(array.dtype);
    t.shape = array.shape;
    // float64 holds <f8, <i8 and <i4 exactly, float32 the rest (<f4, |u1).
    const bool wide = array.dtype == "<f8" || array.dtype == "<i8" || array.dtype == "<i4";
    const nn::DType held = wide ? nn::DType::Float64 : nn::DType::Float32;
    const auto count = static_cast<size_t>(
        decoded.add(array.numel(), held, "array '" + printable(name, 256) + "'"));
    // The bytes themselves where the file holds the type (a little-endian host).
    auto copied = [&](auto zero) {
        std::vector<decltype(zero)> v(count);
        if (count > 0)
            std::memcpy(v.data(), array.data.data(), count * sizeof zero);
        return TensorValues(std::move(v));
    };
    if (array.dtype == "<f4") {
        t.values = copied(0.0f);
    } else if (array.dtype == "<f8") {
        t.values = copied(0.0);
    } else if (wide) {
        std::vector<double> v(count);
        for (size_t i = 0; i < count; ++i)
            v[i] = array.valueAt(static_cast<nn::Index>(i));
        t.values = std::move(v);
    } else {
        std::vector<float> v(count);
        for (size_t i = 0; i < count; ++i)
            v[i] = detail::doubleToFloat(array.valueAt(static_cast<nn::Index>(i)));
        t.values = std::move(v);
    }
    return t;
}

}  // namespace

NamedTensor decodeNpy(const std::string& bytes, const std::string& name, const ReadLimits& limits) {
    detail::DecodedTotal decoded(limits);
    return decodeNpyCounted(bytes, name, limits, decoded);
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
    out.reserve(zip.names().size());
    // 'a' and 'a.npy' both name the array 'a'; a hash set finds that in one pass.
    std::unordered_set<std::string> names;
    // One total for all members: the limit bounds the file, not each array afresh.
    detail::DecodedTotal decoded(limits);
    for (const std::string& member : zip.names()) {
        std::string name = member;
        if (name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0)
            name.resize(name.size() - 4);
        if (!names.insert(name).second)
            throw std::runtime_error("npz holds '" + name + "' twice");
        try {
            out.push_back(decodeNpyCounted(zip.read(member), name, limits, decoded));
        } catch (const std::runtime_error& e) {
            throw std::runtime_error("member '" + member + "': " + e.what());
        }
    }
    return out;
}

}  // namespace linearlab::io
