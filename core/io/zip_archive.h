#pragma once
// In-memory zip containers for .pt and .npz, through libzip. Reading checks
// member count and uncompressed sizes against ReadLimits before allocating;
// writing stores members uncompressed, as numpy.savez and torch.save do.
#include "core/io/read_limits.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct zip;

namespace linearlab::io {

class ZipArchiveReader {
public:
    /// Opens the zip held in `bytes` (which must outlive the reader).
    /// Throws std::runtime_error when it is not a consistent zip or has too many members.
    ZipArchiveReader(const std::string& bytes, const ReadLimits& limits);
    /// The reader does not copy the bytes, so a temporary would dangle.
    ZipArchiveReader(std::string&& bytes, const ReadLimits& limits) = delete;
    ~ZipArchiveReader();
    ZipArchiveReader(const ZipArchiveReader&) = delete;
    ZipArchiveReader& operator=(const ZipArchiveReader&) = delete;

    /// Member names in central-directory order.
    const std::vector<std::string>& names() const { return m_names; }
    bool contains(const std::string& name) const;
    /// Uncompressed size the directory claims for `name`.
    std::int64_t size(const std::string& name) const;
    /// The member's bytes, checked against its claimed size, its CRC and the
    /// reader's remaining uncompressed budget.
    std::string read(const std::string& name);

private:
    std::int64_t indexOf(const std::string& name) const;

    zip* m_zip = nullptr;
    std::vector<std::string> m_names;
    // Name to central-directory index, built once: a reader that takes every
    // member by name then costs one lookup each, not a scan of the directory.
    std::unordered_map<std::string, std::int64_t> m_index;
    std::vector<std::int64_t> m_sizes;
    std::int64_t m_budget;
};

class ZipArchiveWriter {
public:
    /// Adds a stored (uncompressed) member; when `align` > 1 the member's data
    /// starts at a multiple of `align` in the file, padded through the local
    /// header's extra field as PyTorch's writer does.
    void add(std::string name, std::string data, int align = 1);
    /// The finished zip. Throws std::runtime_error if libzip fails.
    std::string finish() const;

private:
    struct Member {
        std::string name;
        std::string data;
        int align;
    };
    std::string build(const std::vector<std::uint16_t>& padding) const;
    std::vector<Member> m_members;
};

}  // namespace linearlab::io
