#pragma once
// Emits the subset of Python pickle protocol 2 that torch.save uses for a
// state dict, memoising globals and strings as CPython's pickler does, so
// the output disassembles (pickletools.dis) like PyTorch's own data.pkl.
#include <cstdint>
#include <map>
#include <string>

namespace linearlab::io {

class PickleWriter {
public:
    /// Starts with PROTO 2.
    PickleWriter();

    /// GLOBAL 'module name', or BINGET when it was written before.
    void global(const std::string& module, const std::string& name);
    /// BINUNICODE, or BINGET when the same text was written before.
    void string(const std::string& utf8);
    /// BININT1 / BININT2 / BININT / LONG1, the smallest that holds `v`.
    void integer(std::int64_t v);
    void boolean(bool v);
    void mark();
    void emptyTuple();
    /// Closes a tuple of the `n` items just pushed (TUPLE1..3, or MARK..TUPLE
    /// when the caller has called mark() first and n > 3), then memoises it.
    void tuple(std::size_t n);
    void emptyDict();
    /// SETITEM for one pair after a dict; SETITEMS after mark() for several.
    void setItem();
    void setItems();
    /// REDUCE (callable, args) and memoise the result.
    void reduce();
    void binPersId();
    /// STOP, and the finished bytes.
    std::string finish();

private:
    void put();
    void get(std::uint32_t index);

    std::string m_out;
    std::uint32_t m_nextMemo = 0;
    std::map<std::string, std::uint32_t> m_memo;  // "g:module name" / "s:text" -> memo slot
};

}  // namespace linearlab::io
