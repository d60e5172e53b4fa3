#include "core/io/zip_archive.h"

#include "core/data/little_endian.h"

#include <zip.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace linearlab::io {

namespace {

// 'FB', the extra-field id PyTorch's writer pads with.
constexpr zip_uint16_t kPaddingFieldId = 0x4246;

}  // namespace

ZipArchiveReader::ZipArchiveReader(const std::string& bytes, const ReadLimits& limits)
    : m_budget(limits.maxUncompressedBytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
        const std::string text = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw std::runtime_error("cannot open zip: " + text);
    }
    // ZIP_CHECKCONS makes libzip compare local headers with the central directory.
    m_zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!m_zip) {
        zip_source_free(source);
        const std::string text = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw std::runtime_error("not a valid zip archive (" + text + ")");
    }
    zip_error_fini(&error);
    const zip_int64_t count = zip_get_num_entries(m_zip, 0);
    if (count < 0 || count > limits.maxZipMembers) {
        zip_discard(m_zip);
        throw std::runtime_error("zip has " + std::to_string(count) + " members, more than " +
                                 std::to_string(limits.maxZipMembers));
    }
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(m_zip, static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
            !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE) ||
            st.size > static_cast<zip_uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            zip_discard(m_zip);
            throw std::runtime_error("zip member " + std::to_string(i) + " is unreadable");
        }
        m_names.emplace_back(st.name);
        m_sizes.push_back(static_cast<std::int64_t>(st.size));
        // emplace keeps the first of a repeated name, as a scan from the start would find.
        m_index.emplace(m_names.back(), i);
    }
}

ZipArchiveReader::~ZipArchiveReader() {
    if (m_zip)
        zip_discard(m_zip);
}

std::int64_t ZipArchiveReader::indexOf(const std::string& name) const {
    const auto it = m_index.find(name);
    return it == m_index.end() ? -1 : it->second;
}

bool ZipArchiveReader::contains(const std::string& name) const {
    return indexOf(name) >= 0;
}

std::int64_t ZipArchiveReader::size(const std::string& name) const {
    const std::int64_t i = indexOf(name);
    if (i < 0)
        throw std::runtime_error("zip has no member '" + name + "'");
    return m_sizes[static_cast<size_t>(i)];
}

std::string ZipArchiveReader::read(const std::string& name) {
    const std::int64_t i = indexOf(name);
    if (i < 0)
        throw std::runtime_error("zip has no member '" + name + "'");
    const std::int64_t claimed = m_sizes[static_cast<size_t>(i)];
    if (claimed > m_budget)
        throw std::runtime_error("zip member '" + name + "' is " + std::to_string(claimed) +
                                 " bytes uncompressed, over the remaining budget of " +
                                 std::to_string(m_budget) + " bytes");
    zip_file_t* file = zip_fopen_index(m_zip, static_cast<zip_uint64_t>(i), 0);
    if (!file)
        throw std::runtime_error("cannot open zip member '" + name + "': " + zip_strerror(m_zip));
    // Grow as data actually arrives rather than trusting the claimed size up front.
    std::string out;
    char chunk[65536];
    bool ok = true;
    std::string problem;
    for (;;) {
        const zip_int64_t n = zip_fread(file, chunk, sizeof chunk);
        if (n < 0) {
            ok = false;
            problem = zip_file_strerror(file);
            break;
        }
        if (n == 0)
            break;
        if (static_cast<std::int64_t>(out.size()) + n > claimed) {
            ok = false;
            problem = "more data than its declared size";
            break;
        }
        out.append(chunk, static_cast<size_t>(n));
    }
    zip_fclose(file);
    if (ok && static_cast<std::int64_t>(out.size()) != claimed) {
        ok = false;
        problem = "less data than its declared size";
    }
    if (!ok)
        throw std::runtime_error("zip member '" + name + "' is corrupt (" + problem + ")");
    m_budget -= claimed;
    return out;
}

void ZipArchiveWriter::add(std::string name, std::string data, int align) {
    m_members.push_back({std::move(name), std::move(data), std::max(1, align)});
}

std::string ZipArchiveWriter::build(const std::vector<std::uint16_t>& padding) const {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!out)
        throw std::runtime_error("cannot create zip buffer");
    zip_source_keep(out);  // the archive frees its source on close; we still read it after
    zip_t* za = zip_open_from_source(out, ZIP_TRUNCATE, &error);
    if (!za) {
        zip_source_free(out);
        zip_error_fini(&error);
        throw std::runtime_error("cannot create zip archive");
    }
    zip_error_fini(&error);
    auto fail = [&](const std::string& what) {
        const std::string text = zip_strerror(za);
        zip_discard(za);
        zip_source_free(out);
        throw std::runtime_error("cannot write zip (" + what + ": " + text + ")");
    };
    const std::string zeros(65536, '\0');
    for (size_t i = 0; i < m_members.size(); ++i) {
        const Member& m = m_members[i];
        zip_source_t* s = zip_source_buffer(za, m.data.data(), m.data.size(), 0);
        if (!s)
            fail(m.name);
        const zip_int64_t idx = zip_file_add(za, m.name.c_str(), s, ZIP_FL_ENC_UTF_8);
        if (idx < 0) {
            zip_source_free(s);
            fail(m.name);
        }
        const auto u = static_cast<zip_uint64_t>(idx);
        if (zip_set_file_compression(za, u, ZIP_CM_STORE, 0) != 0)
            fail(m.name);
        // A fixed time keeps exports byte-for-byte reproducible (1980-01-01 00:00 DOS time).
        if (zip_file_set_dostime(za, u, 0, 0x21, 0) != 0)
            fail(m.name);
        if (i < padding.size() && padding[i] > 0) {
            if (zip_file_extra_field_set(za, u, kPaddingFieldId, ZIP_EXTRA_FIELD_NEW,
                                         reinterpret_cast<const zip_uint8_t*>(zeros.data()),
                                         padding[i], ZIP_FL_LOCAL) != 0)
                fail(m.name);
        }
    }
    if (zip_close(za) != 0)
        fail("close");
    std::string bytes;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(out, &st) != 0 || zip_source_open(out) != 0) {
        zip_source_free(out);
        throw std::runtime_error("cannot read back the written zip");
    }
    bytes.resize(static_cast<size_t>(st.size));
    const zip_int64_t n = zip_source_read(out, bytes.data(), st.size);
    zip_source_close(out);
    zip_source_free(out);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
        throw std::runtime_error("cannot read back the written zip");
    return bytes;
}

namespace {

// Offsets of each member's data in a zip we just wrote (stored, sequential
// local headers), or empty when the layout is not the simple one expected.
std::vector<std::int64_t> dataOffsets(const std::string& z, size_t count) {
    std::vector<std::int64_t> offsets;
    size_t p = 0;
    for (size_t i = 0; i < count; ++i) {
        if (p + 30 > z.size() || data::loadLE<std::uint32_t>(z.data() + p) != 0x04034b50u)
            return {};
        const auto flags = data::loadLE<std::uint16_t>(z.data() + p + 6);
        if (flags & 0x8)  // data descriptor: sizes are not in the local header
            return {};
        const auto csize = data::loadLE<std::uint32_t>(z.data() + p + 18);
        const auto nlen = data::loadLE<std::uint16_t>(z.data() + p + 26);
        const auto elen = data::loadLE<std::uint16_t>(z.data() + p + 28);
        const size_t data = p + 30 + nlen + elen;
        offsets.push_back(static_cast<std::int64_t>(data));
        p = data + csize;
    }
    return offsets;
}

}  // namespace

std::string ZipArchiveWriter::finish() const {
    if (m_members.empty())  // libzip writes nothing for an empty archive; a zip is still due
        return std::string("PK\x05\x06", 4) + std::string(18, '\0');
    const std::string plain = build({});
    const std::vector<std::int64_t> offsets = dataOffsets(plain, m_members.size());
    if (offsets.size() != m_members.size())
        return plain;
    std::vector<std::uint16_t> padding(m_members.size(), 0);
    std::int64_t shift = 0;
    bool any = false;
    for (size_t i = 0; i < m_members.size(); ++i) {
        const std::int64_t a = m_members[i].align;
        const std::int64_t at = offsets[i] + shift;
        if (a <= 1 || at % a == 0)
            continue;
        // The extra field's own 4-byte header comes before its padding bytes.
        const std::int64_t pad = (a - (at + 4) % a) % a;
        padding[i] = static_cast<std::uint16_t>(pad);
        shift += 4 + pad;
        any = true;
    }
    if (!any)
        return plain;
    const std::string aligned = build(padding);
    const std::vector<std::int64_t> check = dataOffsets(aligned, m_members.size());
    for (size_t i = 0; i < check.size(); ++i)
        if (check[i] % m_members[i].align != 0)
            return plain;  // alignment is a courtesy to mmap readers, never a requirement
    return check.size() == m_members.size() ? aligned : plain;
}

}  // namespace linearlab::io
