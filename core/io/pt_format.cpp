#include "core/io/pt_format.h"

#include "core/io/element_type.h"
#include "core/io/io_util.h"
#include "core/io/pickle_writer.h"
#include "core/io/restricted_unpickler.h"
#include "core/io/zip_archive.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <stdexcept>

namespace linearlab::io {

namespace {

using detail::ElementType;

// data.pkl is a few hundred bytes per tensor; anything far larger is not a state dict.
constexpr std::int64_t kMaxPickleBytes = 64 << 20;

struct StorageType {
    const char* name;
    ElementType type;
};

constexpr StorageType kStorageTypes[] = {
    {"FloatStorage", ElementType::Float32}, {"DoubleStorage", ElementType::Float64},
    {"HalfStorage", ElementType::Float16},  {"BFloat16Storage", ElementType::BFloat16},
    {"LongStorage", ElementType::Int64},    {"IntStorage", ElementType::Int32},
};

// Pickles key -> _rebuild_tensor_v2(('storage', FloatStorage (DoubleStorage
// for float64), key, 'cpu', numel), 0, size, stride, False, OrderedDict()) for tensor t in storage
// `key`.
void pickleTensor(PickleWriter& p, const NamedTensor& t, const std::string& key) {
    p.string(t.name);
    p.global("torch._utils", "_rebuild_tensor_v2");
    p.mark();
    p.mark();
    p.string("storage");
    p.global("torch", t.values.dtype() == nn::DType::Float64 ? "DoubleStorage" : "FloatStorage");
    p.string(key);
    p.string("cpu");
    p.integer(static_cast<std::int64_t>(t.values.size()));
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
}

// Refuses what cannot be a torch.save zip before libzip is asked to open it.
void checkZipSignature(const std::string& bytes) {
    if (bytes.size() >= 2 && bytes[0] == '\x80')
        throw std::runtime_error(
            "legacy (pre-1.6) torch.save format is not supported; re-save with PyTorch >= 1.6");
    if (bytes.size() < 4 || bytes.compare(0, 4, "PK\x03\x04") != 0)
        throw std::runtime_error("not a torch.save zip archive");
}

// The top-level directory holding data.pkl: torch names it after the file stem.
std::string archivePrefix(const ZipArchiveReader& zip) {
    for (const std::string& name : zip.names()) {
        const size_t slash = name.find('/');
        if (slash != std::string::npos && slash > 0 &&
            name.compare(slash, std::string::npos, "/data.pkl") == 0)
            return name.substr(0, slash);
    }
    throw std::runtime_error("archive has no <name>/data.pkl, so it is not a torch.save file");
}

std::string readPickle(ZipArchiveReader& zip, const std::string& prefix) {
    const std::string pklName = prefix + "/data.pkl";
    if (zip.size(pklName) > kMaxPickleBytes)
        throw std::runtime_error("data.pkl is " + std::to_string(zip.size(pklName)) +
                                 " bytes, too large for a state dict");
    return zip.read(pklName);
}

ElementType storageElementType(const PickledTensor& r, const std::string& what) {
    for (const StorageType& s : kStorageTypes)
        if (r.storageType == s.name)
            return s.type;
    throw std::runtime_error(what + " uses unsupported torch." + r.storageType);
}

// The archive's storages, each read once however many views share it, and
// checked to hold exactly the elements its persistent id claims.
class Storages {
public:
    struct Storage {
        std::string bytes;
        std::int64_t numel;
        std::string type;
    };

    Storages(ZipArchiveReader& zip, const std::string& prefix) : m_zip(zip), m_prefix(prefix) {}

    const Storage& viewedBy(const PickledTensor& r, ElementType type, const std::string& what) {
        auto it = m_read.find(r.storageKey);
        if (it != m_read.end()) {
            if (it->second.type != r.storageType || it->second.numel != r.storageNumel)
                throw std::runtime_error(what + ": storage '" + r.storageKey +
                                         "' is described two different ways");
            return it->second;
        }
        const std::string member = m_prefix + "/data/" + r.storageKey;
        if (!m_zip.contains(member))
            throw std::runtime_error(what + ": storage '" + r.storageKey +
                                     "' is missing from the archive");
        const std::int64_t need = detail::checkedMul(r.storageNumel, detail::itemSize(type), what);
        if (m_zip.size(member) != need)
            throw std::runtime_error(what + ": storage '" + r.storageKey + "' holds " +
                                     std::to_string(m_zip.size(member)) + " bytes, " +
                                     std::to_string(r.storageNumel) + " elements need " +
                                     std::to_string(need));
        Storage s{m_zip.read(member), r.storageNumel, r.storageType};
        return m_read.emplace(r.storageKey, std::move(s)).first->second;
    }

private:
    ZipArchiveReader& m_zip;
    const std::string m_prefix;
    std::map<std::string, Storage> m_read;
};

// The last element a non-empty view touches must lie inside its storage.
void checkViewInsideStorage(const PickledTensor& r, std::int64_t count, std::int64_t storageNumel,
                            const std::string& what) {
    if (r.offset < 0)
        throw std::runtime_error(what + " has a negative storage offset");
    if (count == 0)
        return;
    std::int64_t last = r.offset;
    for (size_t d = 0; d < r.size.size(); ++d) {
        if (r.stride[d] < 0)
            throw std::runtime_error(what + " has a negative stride");
        const std::int64_t span = detail::checkedMul(r.size[d] - 1, r.stride[d], what);
        if (span > INT64_MAX - last)
            throw std::runtime_error(what + ": view offsets overflow");
        last += span;
    }
    if (last >= storageNumel)
        throw std::runtime_error(what + " of size " + nn::shapeString(r.size) + " at offset " +
                                 std::to_string(r.offset) + " reaches element " +
                                 std::to_string(last) + " of a storage of " +
                                 std::to_string(storageNumel));
}

// Copies the checked view out of its storage in row-major order.
NamedTensor gatherView(const PickledTensor& r, ElementType type, const std::string& storage,
                       std::int64_t count) {
    NamedTensor t;
    t.name = r.name;
    t.dtype = detail::torchName(type);
    t.shape = r.size;
    const int itemSize = detail::itemSize(type);
    const size_t rank = r.size.size();
    std::vector<std::int64_t> index(rank, 0);
    // loadElements asks for the elements in order, k = 0, 1, ...
    t.values = detail::loadElements(type, count, [&](std::int64_t) {
        std::int64_t e = r.offset;
        for (size_t d = 0; d < rank; ++d)
            e += index[d] * r.stride[d];
        for (size_t d = rank; d-- > 0;) {  // row-major: last index fastest
            if (++index[d] < r.size[d])
                break;
            index[d] = 0;
        }
        return storage.data() + e * itemSize;
    });
    return t;
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
    // In batches of 1000, as Python's pickler (_batch_setitems) writes a dict:
    // MARK, the pairs, SETITEMS; a batch of one is a plain SETITEM. A reader's
    // stack then never holds more than one batch.
    constexpr size_t kBatch = 1000;
    for (size_t start = 0; start < tensors.size(); start += kBatch) {
        const size_t end = std::min(tensors.size(), start + kBatch);
        if (end - start > 1)
            p.mark();
        for (size_t i = start; i < end; ++i) {
            detail::checkValueCount(tensors[i]);
            pickleTensor(p, tensors[i], std::to_string(i));
        }
        if (end - start > 1)
            p.setItems();
        else
            p.setItem();
    }

    ZipArchiveWriter zip;
    zip.add(archiveName + "/data.pkl", p.finish(), 64);
    for (size_t i = 0; i < tensors.size(); ++i) {
        const TensorValues& v = tensors[i].values;
        zip.add(archiveName + "/data/" + std::to_string(i),
                std::string(static_cast<const char*>(v.data()), v.byteSize()), 64);
    }
    zip.add(archiveName + "/version", "3\n", 64);
    return zip.finish();
}

StateDict decodePt(const std::string& bytes, const ReadLimits& limits) {
    checkZipSignature(bytes);
    ZipArchiveReader zip(bytes, limits);
    const std::string prefix = archivePrefix(zip);
    const std::vector<PickledTensor> records =
        RestrictedUnpickler(limits).load(readPickle(zip, prefix));
    Storages storages(zip, prefix);
    detail::DecodedTotal decoded(limits);
    StateDict out;
    out.reserve(records.size());
    for (const PickledTensor& r : records) {
        const std::string what = "tensor '" + r.name + "'";
        const ElementType type = storageElementType(r, what);
        const Storages::Storage& s = storages.viewedBy(r, type, what);
        const std::int64_t count =
            decoded.add(detail::checkedNumel(r.size, what), detail::heldAs(type), what);
        checkViewInsideStorage(r, count, s.numel, what);
        out.push_back(gatherView(r, type, s.bytes, count));
    }
    return out;
}

}  // namespace linearlab::io
