#include "core/io/pickle_writer.h"

#include "core/data/little_endian.h"

#include <stdexcept>

namespace linearlab::io {

PickleWriter::PickleWriter() {
    m_out = "\x80\x02";
}

void PickleWriter::put() {
    const std::uint32_t index = m_nextMemo++;
    if (index < 256) {
        m_out += 'q';
        m_out += static_cast<char>(index);
    } else {
        m_out += 'r';
        data::appendLE<std::uint32_t>(m_out, index);
    }
}

void PickleWriter::get(std::uint32_t index) {
    if (index < 256) {
        m_out += 'h';
        m_out += static_cast<char>(index);
    } else {
        m_out += 'j';
        data::appendLE<std::uint32_t>(m_out, index);
    }
}

void PickleWriter::global(const std::string& module, const std::string& name) {
    const std::string key = "g:" + module + " " + name;
    if (const auto it = m_memo.find(key); it != m_memo.end())
        return get(it->second);
    m_out += 'c' + module + '\n' + name + '\n';
    m_memo[key] = m_nextMemo;
    put();
}

void PickleWriter::string(const std::string& utf8) {
    const std::string key = "s:" + utf8;
    if (const auto it = m_memo.find(key); it != m_memo.end())
        return get(it->second);
    if (utf8.size() > 0xffffffffu)
        throw std::runtime_error("string too long for a pickle");
    m_out += 'X';
    data::appendLE<std::uint32_t>(m_out, static_cast<std::uint32_t>(utf8.size()));
    m_out += utf8;
    m_memo[key] = m_nextMemo;
    put();
}

void PickleWriter::integer(std::int64_t v) {
    if (v >= 0 && v <= 0xff) {
        m_out += 'K';
        m_out += static_cast<char>(v);
    } else if (v >= 0 && v <= 0xffff) {
        m_out += 'M';
        data::appendLE<std::uint16_t>(m_out, static_cast<std::uint16_t>(v));
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
        m_out += 'J';
        data::appendLE<std::int32_t>(m_out, static_cast<std::int32_t>(v));
    } else {
        // LONG1: minimal little-endian two's complement, as CPython encodes it.
        std::string bytes;
        data::appendLE<std::int64_t>(bytes, v);
        while (bytes.size() > 1) {
            const auto last = static_cast<unsigned char>(bytes.back());
            const auto prev = static_cast<unsigned char>(bytes[bytes.size() - 2]);
            if ((last == 0x00 && !(prev & 0x80)) || (last == 0xff && (prev & 0x80)))
                bytes.pop_back();
            else
                break;
        }
        m_out += '\x8a';
        m_out += static_cast<char>(bytes.size());
        m_out += bytes;
    }
}

void PickleWriter::boolean(bool v) {
    m_out += v ? '\x88' : '\x89';
}
void PickleWriter::mark() {
    m_out += '(';
}
void PickleWriter::emptyTuple() {
    m_out += ')';
}

void PickleWriter::tuple(std::size_t n) {
    if (n == 0)
        return emptyTuple();
    if (n == 1)
        m_out += '\x85';
    else if (n == 2)
        m_out += '\x86';
    else if (n == 3)
        m_out += '\x87';
    else
        m_out += 't';
    put();
}

void PickleWriter::emptyDict() {
    m_out += '}';
    put();
}

void PickleWriter::setItem() {
    m_out += 's';
}
void PickleWriter::setItems() {
    m_out += 'u';
}

void PickleWriter::reduce() {
    m_out += 'R';
    put();
}

void PickleWriter::binPersId() {
    m_out += 'Q';
}

std::string PickleWriter::finish() {
    m_out += '.';
    return std::move(m_out);
}

}  // namespace linearlab::io
