#include "core/io/pt_format.h"

#include "core/data/little_endian.h"

#include "core/io/io_util.h"
#include "core/io/pickle_writer.h"
#include "core/io/restricted_unpickler.h"
#include "core/io/zip_archive.h"

#include <map>
#include <stdexcept>

namespace linearlab::io {

namespace {

// data.pkl is a few hundred bytes per tensor; anything far larger is not a state dict.
constexpr std::int64_t kMaxPickleBytes = 64 << 20;

struct StorageType {
    const char* name;
    const char* dtype;
    int itemSize;
};

constexpr StorageType kStorageTypes[] = {
    {"FloatStorage", "float32", 4}, {"DoubleStorage", "float64", 8},
    {"HalfStorage", "float16", 2},  {"BFloat16Storage", "bfloat16", 2},
    {"LongStorage", "int64", 8},    {"IntStorage", "int32", 4},
};

float loadElement(int kind, const char* p) {
    switch (kind) {
        case 0:
            return data::loadLE<float>(p);
        case 1:
            return detail::doubleToFloat(data::loadLE<double>(p));
        case 2:
            return detail::halfToFloat(data::loadLE<std::uint16_t>(p));
        case 3:
            return detail::bfloat16ToFloat(data::loadLE<std::uint16_t>(p));
        case 4:
            return static_cast<float>(data::loadLE<std::int64_t>(p));
        default:
            return static_cast<float>(data::loadLE<std::int32_t>(p));
    }
}

}  // namespace

std::string encodePt(const StateDict& tensors, const std::string& archiveName) {
    // Mirrors what pickletools.dis shows for torch.save(model.state_dict()):
    // OrderedDict() then SETITEMS of key -> _rebuild_tensor_v2(persistent
    // storage, offset, size, stride, False, OrderedDict()).
    PickleWriter p;
    p.global("collections", "OrderedDict");
    p.emptyTuple();
    p.reduce();
    if (tensors.size() > 1)
        p.mark();
    for (size_t i = 0; i < tensors.size(); ++i) {
        const NamedTensor& t = tensors[i];
        detail::checkValueCount(t);
        const auto n = static_cast<std::int64_t>(t.values.size());
        p.string(t.name);
        p.global("torch._utils", "_rebuild_tensor_v2");
        p.mark();
        p.mark();
        p.string("storage");
        p.global("torch", "FloatStorage");
        p.string(std::to_string(i));
        p.string("cpu");
        p.integer(n);
        p.tuple(5);
        p.binPersId();
        p.integer(0);
        const size_t rank = t.shape.size();
        if (rank > 3)
            p.mark();
        for (nn::Index d : t.shape)
            p.integer(d);
        p.tuple(rank);
        // Contiguous row-major strides, as torch reports them even for empty tensors.
        std::vector<std::int64_t> stride(rank, 1);
        for (size_t d = rank; d-- > 1;)
            stride[d - 1] = stride[d] * std::max<std::int64_t>(t.shape[d], 1);
        if (rank > 3)
            p.mark();
        for (std::int64_t s : stride)
            p.integer(s);
        p.tuple(rank);
        p.boolean(false);
        p.global("collections", "OrderedDict");
        p.emptyTuple();
        p.reduce();
        p.tuple(6);
        p.reduce();
        if (tensors.size() == 1)
            p.setItem();
    }
    if (tensors.size() > 1)
        p.setItems();

    ZipArchiveWriter zip;
    zip.add(archiveName + "/data.pkl", p.finish(), 64);
    for (size_t i = 0; i < tensors.size(); ++i) {
        const std::vector<float>& v = tensors[i].values;
        zip.add(archiveName + "/data/" + std::to_string(i),
                std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float)), 64);
    }
    zip.add(archiveName + "/version", "3\n", 64);
    return zip.finish();
}

StateDict decodePt(const std::string& bytes, const ReadLimits& limits) {
    if (bytes.size() >= 2 && bytes[0] == '\x80')
        throw std::runtime_error(
            "legacy (pre-1.6) torch.save format is not supported; re-save with PyTorch >= 1.6");
    if (bytes.size() < 4 || bytes.compare(0, 4, "PK\x03\x04") != 0)
        throw std::runtime_error("not a torch.save zip archive");
    ZipArchiveReader zip(bytes, limits);
    std::string prefix;
    for (const std::string& name : zip.names()) {
        const size_t slash = name.find('/');
        if (slash != std::string::npos && slash > 0 &&
            name.compare(slash, std::string::npos, "/data.pkl") == 0) {
            prefix = name.substr(0, slash);
            break;
        }
    }
    if (prefix.empty())
        throw std::runtime_error("archive has no <name>/data.pkl, so it is not a torch.save file");
    const std::string pklName = prefix + "/data.pkl";
    if (zip.size(pklName) > kMaxPickleBytes)
        throw std::runtime_error("data.pkl is " + std::to_string(zip.size(pklName)) +
                                 " bytes, too large for a state dict");
    const std::vector<PickledTensor> records = RestrictedUnpickler(limits).load(zip.read(pklName));

    struct Storage {
        std::string bytes;
        int kind;
        std::int64_t numel;
        std::string type;
    };
    std::map<std::string, Storage> storages;
    std::int64_t elementBudget = limits.maxUncompressedBytes / 4;
    StateDict out;
    out.reserve(records.size());
    for (const PickledTensor& r : records) {
        const std::string what = "tensor '" + r.name + "'";
        int kind = -1;
        for (int k = 0; k < static_cast<int>(std::size(kStorageTypes)); ++k)
            if (r.storageType == kStorageTypes[k].name)
                kind = k;
        if (kind < 0)
            throw std::runtime_error(what + " uses unsupported torch." + r.storageType);
        const int itemSize = kStorageTypes[kind].itemSize;
        auto it = storages.find(r.storageKey);
        if (it == storages.end()) {
            const std::string member = prefix + "/data/" + r.storageKey;
            if (!zip.contains(member))
                throw std::runtime_error(what + ": storage '" + r.storageKey +
                                         "' is missing from the archive");
            const std::int64_t need = detail::checkedMul(r.storageNumel, itemSize, what);
            if (zip.size(member) != need)
                throw std::runtime_error(what + ": storage '" + r.storageKey + "' holds " +
                                         std::to_string(zip.size(member)) + " bytes, " +
                                         std::to_string(r.storageNumel) + " elements need " +
                                         std::to_string(need));
            it = storages
                     .emplace(r.storageKey,
                              Storage{zip.read(member), kind, r.storageNumel, r.storageType})
                     .first;
        } else if (it->second.type != r.storageType || it->second.numel != r.storageNumel) {
            throw std::runtime_error(what + ": storage '" + r.storageKey +
                                     "' is described two different ways");
        }
        const Storage& s = it->second;

        const std::int64_t count = detail::checkedNumel(r.size, what);
        if (count > elementBudget)
            throw std::runtime_error(what + " has " + std::to_string(count) +
                                     " elements, more than the read budget allows");
        elementBudget -= count;
        if (r.offset < 0)
            throw std::runtime_error(what + " has a negative storage offset");
        if (count > 0) {
            // The last element the view touches must lie inside the storage.
            std::int64_t last = r.offset;
            for (size_t d = 0; d < r.size.size(); ++d) {
                if (r.stride[d] < 0)
                    throw std::runtime_error(what + " has a negative stride");
                const std::int64_t span = detail::checkedMul(r.size[d] - 1, r.stride[d], what);
                if (span > INT64_MAX - last)
                    throw std::runtime_error(what + ": view offsets overflow");
                last += span;
            }
            if (last >= s.numel)
                throw std::runtime_error(what + " of size " + nn::shapeString(r.size) +
                                         " at offset " + std::to_string(r.offset) +
                                         " reaches element " + std::to_string(last) +
                                         " of a storage of " + std::to_string(s.numel));
        }
        NamedTensor t;
        t.name = r.name;
        t.dtype = kStorageTypes[kind].dtype;
        t.shape = r.size;
        t.values.resize(static_cast<size_t>(count));
        const size_t rank = r.size.size();
        std::vector<std::int64_t> index(rank, 0);
        for (std::int64_t k = 0; k < count; ++k) {
            std::int64_t e = r.offset;
            for (size_t d = 0; d < rank; ++d)
                e += index[d] * r.stride[d];
            t.values[static_cast<size_t>(k)] = loadElement(s.kind, s.bytes.data() + e * itemSize);
            for (size_t d = rank; d-- > 0;) {  // row-major: last index fastest
                if (++index[d] < r.size[d])
                    break;
                index[d] = 0;
            }
        }
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace linearlab::io
