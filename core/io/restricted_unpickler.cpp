// The pickle machine behind RestrictedUnpickler: one handler per opcode group,
// the stack, the marks and the memo, each bounded before it grows.
#include "core/io/restricted_unpickler.h"

#include "core/data/little_endian.h"
#include "core/io/pickle_value.h"
#include "core/io/pickle_vocabulary.h"
#include "core/io/printable_text.h"
#include "core/nn/plural.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace linearlab::io {

namespace {

constexpr std::size_t kMaxStack = 100000;
constexpr int kMaxDepth = 32;
// Each value built and each dict entry counts against this bound, which caps
// the memory a hostile pickle can make us hold at about a hundred bytes per
// value or entry (a tensor's record adds a few hundred). Entries count
// because their keys need not be new values: small ints are shared, and memo
// references cost nothing.
constexpr std::size_t kMaxValues = 2000000;
// The memo is a vector indexed by memo id (picklers number entries 0, 1, 2,
// ...), so an id is bounded rather than the entry count: a far id costs at
// most this many empty slots. Picklers memoise each value at most once, so a
// pickle never needs more entries than it builds values; torch.save writes
// about ten per tensor, which the value bound already allows.
constexpr std::size_t kMaxMemo = kMaxValues;

using namespace pickle;

// Text from the pickle as an error message shows it: a STACK_GLOBAL name is
// a string of any length, so it is cut after 256 bytes.
std::string shown(std::string_view s) {
    return printable(s, 256);
}

class Machine {
public:
    Machine(const std::string& p, const ReadLimits& limits) : m_p(p), m_limits(limits) {}

    ValuePtr run() {
        for (;;) {
            const std::size_t at = m_pos;
            if (m_pos >= readEnd())
                throw std::runtime_error("pickle ends before STOP");
            const auto op = static_cast<unsigned char>(m_p[m_pos++]);
            m_opAt = at;
            m_op = op;
            if (op == '.')
                return stop(at);
            if (!(framing(at, op) || memo(at, op) || scalar(at, op) || tuples(at, op) ||
                  dicts(at, op) || calls(at, op))) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "0x%02x", op);
                const char* name = opcodeName(op);
                fail(at, std::string("opcode ") + hex +
                             (name ? std::string(" (") + name + ")" : "") +
                             " is not used by a state dict");
            }
        }
    }

private:
    // Each opcode group below runs `op` and returns true, or returns false
    // without reading anything when `op` is not one of its own.

    ValuePtr stop(std::size_t at) {
        if (m_stack.size() != 1 || !m_marks.empty())
            fail(at,
                 "STOP with " + nn::countOf(m_stack.size(), "value", "values") + " on the stack");
        return m_stack.back();
    }

    // PROTO, FRAME, GLOBAL, STACK_GLOBAL and MARK.
    bool framing(std::size_t at, unsigned char op) {
        switch (op) {
            case 0x80: {  // PROTO
                const int proto = byte();
                if (proto < 2 || proto > 5)
                    fail(at, "pickle protocol " + std::to_string(proto) + " is not supported");
                return true;
            }
            case 0x95: {  // FRAME (protocol 4): the next n bytes hold whole opcodes
                const std::uint64_t n = data::loadLE<std::uint64_t>(take(8));
                if (m_frameEnd != kNoFrame && m_pos < m_frameEnd)
                    fail(at, "FRAME begins " + std::to_string(m_frameEnd - m_pos) +
                                 " bytes before the previous FRAME ends");
                if (n > m_p.size() - m_pos)
                    fail(at, "FRAME of " + std::to_string(n) +
                                 " bytes runs past the end of the pickle, which has " +
                                 std::to_string(m_p.size() - m_pos) + " left");
                m_frameEnd = m_pos + static_cast<std::size_t>(n);
                return true;
            }
            case 'c': {  // GLOBAL
                const std::string_view module = line();
                const std::string_view name = line();
                push(global(module, name));
                return true;
            }
            case 0x93: {  // STACK_GLOBAL (protocol 4): module and name are on the stack
                const auto mn = popN(at, 2);
                if (mn[0]->kind != Kind::String || mn[1]->kind != Kind::String)
                    fail(at, std::string("STACK_GLOBAL takes a module and a name as str, not ") +
                                 kindName(mn[0]->kind) + " and " + kindName(mn[1]->kind));
                push(global(mn[0]->text, mn[1]->text));
                return true;
            }
            case '(':  // MARK
                if (m_marks.size() >= kMaxStack)
                    fail(at, "too many MARKs");
                m_marks.push_back(m_stack.size());
                return true;
            default:
                return false;
        }
    }

    // BINPUT, LONG_BINPUT, MEMOIZE, BINGET, LONG_BINGET.
    bool memo(std::size_t at, unsigned char op) {
        switch (op) {
            case 'q':
                memoPut(at, byte());
                return true;
            case 'r':
                memoPut(at, u32());
                return true;
            case 0x94:  // MEMOIZE (protocol 4): the id is the number of entries, as in Python
                memoPut(at, m_memoCount);
                return true;
            case 'h':
                memoGet(at, byte());
                return true;
            case 'j':
                memoGet(at, u32());
                return true;
            default:
                return false;
        }
    }

    // None, booleans, integers and strings.
    bool scalar(std::size_t at, unsigned char op) {
        switch (op) {
            case 'N':
                push(shared(m_none, Kind::None));
                return true;
            case 0x88:  // NEWTRUE
                push(shared(m_true, Kind::Bool, true));
                return true;
            case 0x89:  // NEWFALSE
                push(shared(m_false, Kind::Bool));
                return true;
            case 'K':  // BININT1
                pushInt(byte());
                return true;
            case 'M':  // BININT2
                pushInt(data::loadLE<std::uint16_t>(take(2)));
                return true;
            case 'J':  // BININT
                pushInt(data::loadLE<std::int32_t>(take(4)));
                return true;
            case 0x8a: {  // LONG1
                const int n = byte();
                if (n > 8)
                    fail(at, "integer of " + std::to_string(n) + " bytes is too large");
                const auto width = static_cast<std::size_t>(n);
                pushInt(data::loadLESigned(take(width), width));
                return true;
            }
            case 'X': {  // BINUNICODE
                const std::uint32_t n = u32();
                pushString(take(n), n);
                return true;
            }
            case 0x8c: {  // SHORT_BINUNICODE (protocol 4)
                const std::size_t n = byte();
                pushString(take(n), n);
                return true;
            }
            case 0x8d: {  // BINUNICODE8 (protocol 4)
                const std::uint64_t n = data::loadLE<std::uint64_t>(take(8));
                pushString(take(n), static_cast<std::size_t>(n));
                return true;
            }
            default:
                return false;
        }
    }

    // EMPTY_TUPLE, TUPLE, TUPLE1, TUPLE2, TUPLE3.
    bool tuples(std::size_t at, unsigned char op) {
        switch (op) {
            case ')':
                push(shared(m_emptyTuple, Kind::Tuple));
                return true;
            case 't':
                push(tuple(at, popMark(at)));
                return true;
            case 0x85:
                push(tuple(at, popN(at, 1)));
                return true;
            case 0x86:
                push(tuple(at, popN(at, 2)));
                return true;
            case 0x87:
                push(tuple(at, popN(at, 3)));
                return true;
            default:
                return false;
        }
    }

    // EMPTY_DICT, SETITEM, SETITEMS and BUILD.
    bool dicts(std::size_t at, unsigned char op) {
        switch (op) {
            case '}':
                push(make(Kind::Dict));
                return true;
            case 's': {
                auto kv = popN(at, 2);
                setItems(at, top(at), kv);
                return true;
            }
            case 'u': {
                auto kv = popMark(at);
                if (kv.size() % 2)
                    fail(at, "SETITEMS with an odd number of values");
                setItems(at, top(at), kv);
                return true;
            }
            case 'b': {  // BUILD: only the OrderedDict's _metadata attribute
                auto state = popN(at, 1);
                const ValuePtr& target = top(at);
                if (target->kind != Kind::Dict || state[0]->kind != Kind::Dict)
                    fail(at, "BUILD on " + std::string(kindName(target->kind)) +
                                 " is not part of a state dict");
                return true;  // the metadata is version bookkeeping; the tensors do not need it
            }
            default:
                return false;
        }
    }

    // REDUCE and BINPERSID, the two opcodes that build objects.
    bool calls(std::size_t at, unsigned char op) {
        switch (op) {
            case 'R': {
                auto fa = popN(at, 2);
                push(call(at, fa[0], fa[1]));
                return true;
            }
            case 'Q': {
                auto pid = popN(at, 1);
                push(persistentLoad(at, pid[0]));
                return true;
            }
            default:
                return false;
        }
    }

    void charge() {
        if (++m_made > kMaxValues)
            throw std::runtime_error("pickle builds more than " + std::to_string(kMaxValues) +
                                     " values and dict entries");
    }
    ValuePtr make(Kind k) {
        charge();
        auto v = std::make_shared<Value>();
        v->kind = k;
        return v;
    }
    // None, the booleans, the empty tuple and small ints are immutable and
    // written for every tensor, so each is built once and shared: a large
    // state dict then costs a fraction of the value bound.
    const ValuePtr& shared(ValuePtr& slot, Kind k, bool flag = false) {
        if (!slot) {
            slot = make(k);
            slot->flag = flag;
        }
        return slot;
    }
    [[noreturn]] void fail(std::size_t at, const std::string& what) const {
        throw std::runtime_error("pickle byte " + std::to_string(at) + ": " + what);
    }
    // Where the next read must end: inside a FRAME, at its end (an opcode's
    // argument may not cross it, as in Python's reader); once a frame is used
    // up, at the end of the pickle, since CPython writes a large string
    // between frames.
    std::size_t readEnd() {
        if (m_frameEnd != kNoFrame) {
            if (m_pos < m_frameEnd)
                return m_frameEnd;
            m_frameEnd = kNoFrame;
        }
        return m_p.size();
    }
    // The current opcode's next n argument bytes, checked before anything
    // is allocated for them.
    const char* take(std::uint64_t n) {
        const std::size_t left = readEnd() - m_pos;
        if (n > left)
            fail(m_opAt, std::string(opcodeName(m_op)) + " needs " + std::to_string(n) +
                             " more bytes, " +
                             (m_frameEnd != kNoFrame ? "its FRAME has " : "the pickle has ") +
                             std::to_string(left));
        const char* b = m_p.data() + m_pos;
        m_pos += static_cast<std::size_t>(n);
        return b;
    }
    unsigned char byte() { return static_cast<unsigned char>(*take(1)); }
    std::uint32_t u32() { return data::loadLE<std::uint32_t>(take(4)); }
    // A GLOBAL argument line, looked for only as far as a name may reach.
    std::string_view line() {
        constexpr std::size_t kMaxName = 256;
        const std::size_t window = std::min(readEnd() - m_pos, kMaxName + 1);
        const void* nl = std::memchr(m_p.data() + m_pos, '\n', window);
        if (!nl)
            throw std::runtime_error("pickle GLOBAL name is unterminated or too long");
        const std::size_t n =
            static_cast<std::size_t>(static_cast<const char*>(nl) - m_p.data()) - m_pos;
        const std::string_view s(m_p.data() + m_pos, n);
        m_pos += n + 1;
        return s;
    }
    // GLOBAL and STACK_GLOBAL alike: a global outside the allowlist is refused by name.
    ValuePtr global(std::string_view module, std::string_view name) {
        const std::string_view full = allowedGlobal(module, name);
        if (full.empty())
            throw std::runtime_error("pickle refers to " + shown(module) + "." + shown(name) +
                                     ", which a state dict never contains");
        auto g = make(Kind::Global);
        g->text = full;
        return g;
    }
    void push(ValuePtr v) {
        if (m_stack.size() >= kMaxStack)
            throw std::runtime_error("pickle stack exceeds " + std::to_string(kMaxStack) +
                                     " values");
        m_stack.push_back(std::move(v));
    }
    void pushInt(std::int64_t i) {
        if (i >= 0 && i < static_cast<std::int64_t>(m_smallInts.size())) {
            ValuePtr& slot = m_smallInts[static_cast<std::size_t>(i)];
            if (!slot) {
                slot = make(Kind::Int);
                slot->integer = i;
            }
            push(slot);
            return;
        }
        auto v = make(Kind::Int);
        v->integer = i;
        push(v);
    }
    void pushString(const char* b, std::size_t n) {
        auto v = make(Kind::String);
        v->text = std::string_view(b, n);
        push(v);
    }
    const ValuePtr& top(std::size_t at) const {
        if (m_stack.size() <= (m_marks.empty() ? 0 : m_marks.back()))
            fail(at, "stack underflow");
        return m_stack.back();
    }
    std::vector<ValuePtr> popN(std::size_t at, std::size_t n) {
        const std::size_t floor = m_marks.empty() ? 0 : m_marks.back();
        if (m_stack.size() < floor + n)
            fail(at, "stack underflow");
        std::vector<ValuePtr> out(m_stack.end() - static_cast<std::ptrdiff_t>(n), m_stack.end());
        m_stack.resize(m_stack.size() - n);
        return out;
    }
    std::vector<ValuePtr> popMark(std::size_t at) {
        if (m_marks.empty())
            fail(at, "no MARK to pop to");
        const std::size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<ValuePtr> out(m_stack.begin() + static_cast<std::ptrdiff_t>(mark),
                                  m_stack.end());
        m_stack.resize(mark);
        return out;
    }
    void memoPut(std::size_t at, std::uint64_t index) {
        if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back()))
            throw std::runtime_error("pickle memoises from an empty stack");
        if (index >= kMaxMemo)
            fail(at, "memo entry " + std::to_string(index) + " is past the memo's bound of " +
                         std::to_string(kMaxMemo) + " entries");
        if (index >= m_memo.size())
            m_memo.resize(static_cast<std::size_t>(index) + 1);
        ValuePtr& slot = m_memo[static_cast<std::size_t>(index)];
        if (!slot)
            ++m_memoCount;
        slot = m_stack.back();
    }
    void memoGet(std::size_t at, std::uint64_t index) {
        if (index >= m_memo.size() || !m_memo[static_cast<std::size_t>(index)])
            fail(at, "memo entry " + std::to_string(index) + " was never stored");
        push(m_memo[static_cast<std::size_t>(index)]);
    }
    // Containers take ownership of dicts, which may not change afterwards.
    void adopt(std::size_t at, const ValuePtr& parent, const ValuePtr& child, int& depth) {
        if (child.get() == parent.get())
            fail(at, "a container cannot hold itself");
        if (child->kind == Kind::Dict)
            child->frozen = true;
        depth = std::max(depth, child->depth + 1);
        if (depth > kMaxDepth)
            fail(at, "values nest deeper than " + std::to_string(kMaxDepth));
    }
    ValuePtr tuple(std::size_t at, std::vector<ValuePtr> items) {
        auto t = make(Kind::Tuple);
        for (const ValuePtr& i : items)
            adopt(at, t, i, t->depth);
        t->items = std::move(items);
        return t;
    }
    void setItems(std::size_t at, const ValuePtr& dict, const std::vector<ValuePtr>& kv) {
        if (dict->kind != Kind::Dict)
            fail(at, "SETITEM on " + std::string(kindName(dict->kind)));
        if (dict->frozen)
            fail(at, "SETITEM on a dict that is already inside another value");
        if (!dict->dict)
            dict->dict = std::make_unique<DictEntries>();
        DictEntries& d = *dict->dict;
        for (std::size_t i = 0; i < kv.size(); i += 2) {
            const ValuePtr& key = kv[i];
            if (key->kind != Kind::String && key->kind != Kind::Int)
                fail(at, std::string("dict key is ") + kindName(key->kind));
            adopt(at, dict, kv[i + 1], dict->depth);
            const std::size_t next = d.entries.size();
            const std::size_t position =
                key->kind == Kind::String ? d.byText.try_emplace(key->text, next).first->second
                                          : d.byInt.try_emplace(key->integer, next).first->second;
            if (position != next) {
                // Python dicts keep the first position, last value.
                d.entries[position].second = kv[i + 1];
                continue;
            }
            if (static_cast<std::int64_t>(d.entries.size()) >= m_limits.maxTensors)
                fail(at,
                     "dict holds more than " + std::to_string(m_limits.maxTensors) + " entries");
            charge();
            d.entries.emplace_back(key, kv[i + 1]);
        }
    }
    static bool isIntTuple(const ValuePtr& v) {
        if (v->kind != Kind::Tuple)
            return false;
        for (const ValuePtr& i : v->items)
            if (i->kind != Kind::Int)
                return false;
        return true;
    }
    ValuePtr call(std::size_t at, const ValuePtr& f, const ValuePtr& args) {
        if (f->kind != Kind::Global)
            fail(at, std::string("REDUCE calls ") + kindName(f->kind));
        if (args->kind != Kind::Tuple)
            fail(at, "REDUCE arguments are not a tuple");
        const auto& a = args->items;
        if (f->text == "collections.OrderedDict") {
            if (!a.empty())
                fail(at, "OrderedDict is called with arguments");
            return make(Kind::Dict);
        }
        if (f->text == "torch._utils._rebuild_tensor_v2") {
            // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
            if (a.size() < 6 || a.size() > 7 || a[0]->kind != Kind::Storage ||
                a[1]->kind != Kind::Int || !isIntTuple(a[2]) || !isIntTuple(a[3]) ||
                a[4]->kind != Kind::Bool || a[5]->kind != Kind::Dict ||
                (a.size() == 7 && a[6]->kind != Kind::Dict))
                fail(at, "_rebuild_tensor_v2 called with unexpected arguments");
            if (a[5]->dict && !a[5]->dict->entries.empty())
                fail(at, "tensor has backward hooks, which a state dict never contains");
            if (a[2]->items.size() != a[3]->items.size() ||
                static_cast<int>(a[2]->items.size()) > m_limits.maxRank)
                fail(at, "tensor size and stride do not match or have too many dimensions");
            auto t = make(Kind::Tensor);
            t->tensor = std::make_unique<PickledTensor>(*a[0]->tensor);
            t->tensor->offset = a[1]->integer;
            for (const ValuePtr& s : a[2]->items)
                t->tensor->size.push_back(s->integer);
            for (const ValuePtr& s : a[3]->items)
                t->tensor->stride.push_back(s->integer);
            return t;
        }
        if (f->text == "torch._utils._rebuild_parameter") {
            // (data, requires_grad, backward_hooks): a Parameter is its tensor here
            if (a.size() != 3 || a[0]->kind != Kind::Tensor || a[1]->kind != Kind::Bool ||
                a[2]->kind != Kind::Dict)
                fail(at, "_rebuild_parameter called with unexpected arguments");
            return a[0];
        }
        throw std::runtime_error("pickle calls " + std::string(f->text) +
                                 ", which a state dict never does");
    }
    ValuePtr persistentLoad(std::size_t at, const ValuePtr& pid) {
        // ('storage', torch.FloatStorage, key, location, numel)
        const auto& p = pid->items;
        if (pid->kind != Kind::Tuple || p.size() != 5 || p[0]->kind != Kind::String ||
            p[0]->text != "storage" || p[1]->kind != Kind::Global ||
            p[1]->text.substr(0, 6) != "torch." ||
            p[1]->text.find("Storage") == std::string::npos || p[2]->kind != Kind::String ||
            p[3]->kind != Kind::String || p[4]->kind != Kind::Int)
            fail(at, "persistent id is not ('storage', torch.<Type>Storage, key, location, numel)");
        if (p[4]->integer < 0)
            fail(at, "storage has negative size");
        auto s = make(Kind::Storage);
        s->tensor = std::make_unique<PickledTensor>();
        s->tensor->storageType = p[1]->text.substr(6);
        s->tensor->storageKey = p[2]->text;
        s->tensor->storageNumel = p[4]->integer;
        return s;
    }

    static constexpr std::size_t kNoFrame = std::string::npos;

    const std::string& m_p;
    const ReadLimits& m_limits;
    std::size_t m_pos = 0;
    std::size_t m_frameEnd = kNoFrame;  // where the FRAME being read ends
    std::size_t m_opAt = 0;             // the current opcode and where it starts
    unsigned char m_op = 0;
    std::size_t m_made = 0;
    std::vector<ValuePtr> m_stack;
    std::vector<std::size_t> m_marks;
    std::vector<ValuePtr> m_memo;  // indexed by memo id; empty slots were never stored
    std::size_t m_memoCount = 0;   // stored slots: the id MEMOIZE assigns next
    ValuePtr m_none, m_true, m_false, m_emptyTuple;
    std::array<ValuePtr, 256> m_smallInts;
};

}  // namespace

RestrictedUnpickler::RestrictedUnpickler(const ReadLimits& limits) : m_limits(limits) {}

std::vector<PickledTensor> RestrictedUnpickler::load(const std::string& pickle) const {
    const ValuePtr root = Machine(pickle, m_limits).run();
    if (root->kind != Kind::Dict)
        throw std::runtime_error(std::string("pickle holds ") + kindName(root->kind) +
                                 ", not a state dict");
    std::vector<PickledTensor> out;
    if (!root->dict)
        return out;
    out.reserve(root->dict->entries.size());
    for (const auto& [key, value] : root->dict->entries) {
        if (key->kind != Kind::String)
            throw std::runtime_error("state dict key is not a string");
        if (value->kind != Kind::Tensor)
            throw std::runtime_error("state dict entry '" + shown(key->text) + "' is " +
                                     kindName(value->kind) + ", not a tensor");
        PickledTensor t = *value->tensor;
        t.name = key->text;
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace linearlab::io
