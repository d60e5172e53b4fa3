// The restricted unpickler against pickles written here opcode by opcode, as
// CPython's pickler writes them for each protocol: large state dicts (read in
// linear time, every key in order) and hostile inputs (refused by name).
#include "core/data/little_endian.h"
#include "core/io/io_util.h"
#include "core/io/pt_format.h"
#include "core/io/restricted_unpickler.h"
#include "core/io/weights_file.h"
#include "core/io/zip_archive.h"
#include "io_test_util.h"

#include <QtTest>

#include <cstdint>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using namespace linearlab::io;

namespace {

// Writes pickle opcodes the way CPython's pickler does for `proto`: protocol
// 2 and 3 name globals with GLOBAL lines and memoise with BINPUT; protocol 4
// and 5 use STACK_GLOBAL, MEMOIZE and SHORT_BINUNICODE, and cut the output
// into FRAMEs of about 64 KiB at opcode boundaries.
class Pickler {
public:
    explicit Pickler(int proto) : m_proto(proto) {
        m_out = std::string("\x80", 1) + static_cast<char>(proto);
    }

    Pickler& raw(std::string_view bytes) {
        m_frame.append(bytes);
        return boundary();
    }
    Pickler& op(char c) { return raw(std::string_view(&c, 1)); }
    Pickler& str(std::string_view s) {
        if (m_proto >= 4 && s.size() >= 65536) {
            // CPython writes a string of a frame's size or more between frames.
            commit();
            m_out += 'X' + le(s.size(), 4);
            m_out.append(s);
            return memoize();
        }
        if (m_proto >= 4 && s.size() < 256)
            m_frame += '\x8c' + std::string(1, static_cast<char>(s.size()));
        else
            m_frame += 'X' + le(s.size(), 4);
        m_frame.append(s);
        return memoize();
    }
    Pickler& global(std::string_view module, std::string_view name) {
        if (m_proto >= 4) {
            str(module);
            str(name);
            op('\x93');  // STACK_GLOBAL
        } else {
            raw("c" + std::string(module) + "\n" + std::string(name) + "\n");
        }
        return memoize();
    }
    // BININT1 or BININT, as the pickler picks for a non-negative int.
    Pickler& integer(std::uint32_t v) {
        return v < 256 ? raw("K" + le(v, 1)) : raw("J" + le(v, 4));
    }
    // The memo id the last memoize() stored.
    std::uint32_t last() const { return m_memo - 1; }
    Pickler& memoize() {
        if (m_proto >= 4)
            op('\x94');
        else if (m_memo < 256)
            raw("q" + le(m_memo, 1));
        else
            raw("r" + le(m_memo, 4));
        ++m_memo;
        return *this;
    }
    Pickler& get(std::uint32_t id) {
        return id < 256 ? raw("h" + le(id, 1)) : raw("j" + le(id, 4));
    }
    std::string finish() {
        op('.');
        commit();
        return m_out;
    }

    static std::string le(std::uint64_t v, std::size_t width) {
        std::string b(width, '\0');
        linearlab::data::storeLEUnsigned(b.data(), v, width);
        return b;
    }

private:
    Pickler& boundary() {
        if (m_frame.size() >= 65536)
            commit();
        return *this;
    }
    void commit() {
        if (m_proto >= 4 && !m_frame.empty())
            m_out += '\x95' + le(m_frame.size(), 8);
        m_out += m_frame;
        m_frame.clear();
    }

    int m_proto;
    std::string m_out;
    std::string m_frame;
    std::uint32_t m_memo = 0;
};

// A torch.save-layout archive around `pkl` and one storage.
std::string archive(const std::string& pkl, const std::string& storage = {}) {
    ZipArchiveWriter zip;
    zip.add("archive/data.pkl", pkl);
    zip.add("archive/data/0", storage);
    zip.add("archive/version", "3\n");
    return zip.finish();
}

std::string floats(std::initializer_list<float> v) {
    return std::string(reinterpret_cast<const char*>(v.begin()), v.size() * sizeof(float));
}

// Empty when `message` is a one-line rejection naming `file`, else what is wrong.
std::string rejectionProblem(const std::string& message, const std::string& file) {
    if (message.compare(0, file.size() + 2, file + ": ") != 0)
        return "does not name the file";
    for (const char c : message)
        if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f')
            return "holds a raw control byte";
    return {};
}

// Rejection messages with their numbers blanked, to count the checks reached.
std::string kindOf(const std::string& message) {
    static const std::regex digits("[0-9]+");
    return std::regex_replace(message, digits, "N");
}

std::string keyName(int i) {
    return "layers." + std::to_string(i) + ".weight";
}

// OrderedDict of `count` keys in SETITEMS batches of 1000, as the pickler
// batches them; key i is a one-element view at offset i % 2 of storage '0'.
// Only the first two values are spelled out, the rest are memo references,
// so the pickle is about 20 bytes a key. Key 0 is set again at the end, to
// the offset-1 view: a repeated key keeps its first position and takes the
// last value, as in Python.
std::string manyKeys(int proto, int count, const std::string& firstKey = {}) {
    Pickler p(proto);
    p.global("collections", "OrderedDict");
    const std::uint32_t orderedDict = p.last();
    p.op(')').op('R').memoize();
    std::uint32_t tensor[2] = {0, 0};
    std::uint32_t key0 = 0;
    for (int i = 0; i < count; ++i) {
        if (i % 1000 == 0)
            p.op('(');  // MARK
        p.str(i == 0 && !firstKey.empty() ? firstKey : keyName(i));
        if (i == 0)
            key0 = p.last();
        if (i < 2) {
            p.global("torch._utils", "_rebuild_tensor_v2");
            p.op('(').op('(').str("storage");
            p.global("torch", "FloatStorage");
            p.str("0").str("cpu").integer(2).op('t').memoize().op('Q');
            p.integer(static_cast<std::uint32_t>(i)).integer(1).op('\x85').memoize();
            p.integer(1).op('\x85').memoize().op('\x89');
            p.get(orderedDict).op(')').op('R').memoize().op('t').memoize().op('R').memoize();
            tensor[i] = p.last();
        } else {
            p.get(tensor[i % 2]);
        }
        if (i % 1000 == 999 || i == count - 1)
            p.op('u');  // SETITEMS
    }
    p.get(key0).get(tensor[1]).op('s');
    return p.finish();
}

}  // namespace

class TestRestrictedUnpickler : public QObject {
    Q_OBJECT

private slots:
    void readsEveryKeyOfALargeDictInOrder_data() {
        QTest::addColumn<int>("proto");
        QTest::newRow("protocol 2") << 2;
        QTest::newRow("protocol 4, in frames") << 4;
        QTest::newRow("protocol 5, in frames") << 5;
    }
    // 100,000 keys took the unpickler 40 s when each new key was compared
    // with every earlier one; this checks the result, the benchmark the time.
    void readsEveryKeyOfALargeDictInOrder() {
        QFETCH(int, proto);
        constexpr int kKeys = 100000;
        const std::string pkl = manyKeys(proto, kKeys);
        QVERIFY(pkl.size() > 1000000);
        const std::vector<PickledTensor> records = RestrictedUnpickler().load(pkl);
        QCOMPARE(records.size(), size_t{kKeys});
        for (int i = 0; i < kKeys; ++i) {
            const PickledTensor& r = records[static_cast<size_t>(i)];
            if (r.name != keyName(i))
                QFAIL(("key " + std::to_string(i) + " is " + r.name).c_str());
            const std::int64_t offset = i == 0 ? 1 : i % 2;
            if (r.offset != offset || r.storageKey != "0" || r.storageType != "FloatStorage" ||
                r.storageNumel != 2 || r.size != linearlab::nn::Shape{1} ||
                r.stride != std::vector<std::int64_t>{1})
                QFAIL(("record " + std::to_string(i) + " is wrong").c_str());
        }
        // The same through the .pt reader: every view reads its element.
        const StateDict sd = decodePt(archive(pkl, floats({1.5f, -2.5f})));
        QCOMPARE(sd.size(), size_t{kKeys});
        for (int i = 0; i < kKeys; ++i) {
            const NamedTensor& t = sd[static_cast<size_t>(i)];
            const float want = i == 0 || i % 2 ? -2.5f : 1.5f;
            if (t.name != keyName(i) || t.values != std::vector<float>{want})
                QFAIL(("tensor " + std::to_string(i) + " is wrong").c_str());
        }
    }

    // A string of 64 KiB or more sits between two frames, as CPython writes it.
    void readsAStringBetweenFrames() {
        const std::string longKey(70000, 'k');
        for (int proto : {4, 5}) {
            const std::string pkl = manyKeys(proto, 3, longKey);
            QVERIFY(pkl.find(std::string("\x95", 1)) != pkl.rfind(std::string("\x95", 1)));
            const std::vector<PickledTensor> records = RestrictedUnpickler().load(pkl);
            QCOMPARE(records.size(), size_t{3});
            QCOMPARE(records[0].name, longKey);
            QCOMPARE(records[2].name, keyName(2));
            QCOMPARE(records[2].offset, std::int64_t{0});
        }
    }

    // Small-int keys are shared values, so only counting entries bounds
    // dicts of them: 8,000 dicts of 256 entries each pass 2,000,000.
    void boundsDictEntriesThatBuildNoValues() {
        std::string p("\x80\x04", 2);
        for (int d = 0; d < 8000; ++d) {
            p += "}(";
            for (int k = 0; k < 256; ++k)
                p += "K" + std::string(1, static_cast<char>(k)) + "N";
            p += "u";
        }
        p += ".";
        try {
            RestrictedUnpickler().load(p);
            QFAIL("built more dict entries than the bound");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("builds more than 2000000 values and dict entries"),
                     e.what());
        }
    }

    void oneKeyMoreThanTheLimitIsRefused() {
        ReadLimits limits;
        limits.maxTensors = 999;
        try {
            RestrictedUnpickler(limits).load(manyKeys(2, 1000));
            QFAIL("read more keys than the limit");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("dict holds more than 999 entries"), e.what());
        }
    }

    void refusesHostilePickles_data() {
        QTest::addColumn<QByteArray>("pkl");
        QTest::addColumn<QString>("message");
        auto add = [](const char* tag, const std::string& pkl, const std::string& message) {
            QTest::newRow(tag) << QByteArray::fromStdString(pkl) << QString::fromStdString(message);
        };
        const auto le = Pickler::le;
        // A call of module.name("echo pwned"), as pickle writes a __reduce__.
        auto call = [](int proto, const char* module, const char* name) {
            Pickler p(proto);
            p.global(module, name).str("echo pwned").op('\x85').memoize().op('R').memoize();
            return p.finish();
        };
        const std::string refers = "pickle refers to ";
        const std::string never = ", which a state dict never contains";
        add("STACK_GLOBAL os.system", call(4, "os", "system"), refers + "os.system" + never);
        add("STACK_GLOBAL posix.system", call(5, "posix", "system"),
            refers + "posix.system" + never);
        add("STACK_GLOBAL builtins.eval", call(4, "builtins", "eval"),
            refers + "builtins.eval" + never);
        add("STACK_GLOBAL subprocess.Popen", call(5, "subprocess", "Popen"),
            refers + "subprocess.Popen" + never);
        add("STACK_GLOBAL torch.load", call(4, "torch", "load"), refers + "torch.load" + never);
        add("GLOBAL in a protocol 4 pickle", call(3, "os", "system"), refers + "os.system" + never);
        {
            // The names are memoised and fetched back with BINGET for STACK_GLOBAL.
            Pickler p(4);
            p.str("os").str("system").get(0).get(1).op('\x93');
            add("memoised names", p.finish(), refers + "os.system" + never);
        }
        {
            // An allowed global, memoised, fetched with BINGET and called.
            Pickler p(4);
            p.global("torch", "FloatStorage").get(p.last()).integer(3).op('\x85').op('R');
            add("memoised storage class called", p.finish(),
                "pickle calls torch.FloatStorage, which a state dict never does");
        }
        {
            Pickler p(5);
            for (int i = 0; i < 300; ++i)
                p.str("s" + std::to_string(i));
            p.global("collections", "OrderedDict");
            // LONG_BINGET of the memoised OrderedDict, called with (1,).
            p.get(p.last()).integer(1).op('\x85').op('R');
            add("memoised OrderedDict called with arguments", p.finish(),
                "OrderedDict is called with arguments");
        }
        {
            Pickler p(4);
            p.str("os\nsystem").str("x").op('\x93');
            add("a newline in a module name", p.finish(), refers + "os\\x0asystem.x" + never);
        }
        {
            Pickler p(4);
            p.str(std::string(1000, 'm')).str("x").op('\x93');
            add("a long module name", p.finish(), refers + std::string(256, 'm') + "....x");
        }
        const std::string proto4("\x80\x04", 2);
        add("FRAME longer than the pickle", proto4 + "\x95" + le(1000, 8) + "}.",
            "pickle byte 2: FRAME of 1000 bytes runs past the end of the pickle, which has 2 left");
        add("FRAME of 2^64 - 1 bytes", proto4 + "\x95" + le(~std::uint64_t{0}, 8) + "}.",
            "FRAME of 18446744073709551615 bytes runs past the end of the pickle");
        add("FRAME shorter than its opcodes",
            proto4 + "\x95" + le(4, 8) + "\x8c\x05" + "abcde\x94.",
            "pickle byte 11: SHORT_BINUNICODE needs 5 more bytes, its FRAME has 2");
        add("FRAME inside a FRAME", proto4 + "\x95" + le(12, 8) + "\x95" + le(0, 8) + "}...",
            "pickle byte 11: FRAME begins 3 bytes before the previous FRAME ends");
        add("SHORT_BINUNICODE past the end", proto4 + "\x8c\xff" + "abc",
            "pickle byte 2: SHORT_BINUNICODE needs 255 more bytes, the pickle has 3");
        add("BINUNICODE8 of 2^62 bytes", proto4 + "\x8d" + le(std::uint64_t{1} << 62, 8) + "a.",
            "BINUNICODE8 needs 4611686018427387904 more bytes, the pickle has 2");
        add("FRAME length cut short", proto4 + "\x95\x01\x00", "FRAME needs 8 more bytes");
        add("STACK_GLOBAL of ints", proto4 + "K\x01K\x02\x93.",
            "STACK_GLOBAL takes a module and a name as str, not an int and an int");
        add("STACK_GLOBAL of one value", proto4 + "\x8c\x02os\x93.", "stack underflow");
        add("STACK_GLOBAL across a MARK", proto4 + "\x8c\x02os(\x8c\x06system\x93.",
            "stack underflow");
        add("MEMOIZE an empty stack", proto4 + "\x94.", "memoises from an empty stack");
        add("memo id past the bound", proto4 + "Nr\xff\xff\xff\xff.",
            "memo entry 4294967295 is past the memo's bound");
        add("BINGET of a MEMOIZE never made", proto4 + "N\x94h\x01.",
            "memo entry 1 was never stored");
        add("EMPTY_SET", proto4 + "\x8f.", "opcode 0x8f (EMPTY_SET) is not used by a state dict");
        add("FROZENSET", proto4 + "(\x91.", "opcode 0x91 (FROZENSET)");
        add("BINBYTES8", proto4 + "\x8e" + le(1, 8) + "a.", "opcode 0x8e (BINBYTES8)");
        add("NEWOBJ_EX", proto4 + "\x92.", "opcode 0x92 (NEWOBJ_EX)");
        add("BYTEARRAY8", std::string("\x80\x05\x96", 3) + le(1, 8) + "a.",
            "opcode 0x96 (BYTEARRAY8)");
        add("NEXT_BUFFER", std::string("\x80\x05\x97.", 4), "opcode 0x97 (NEXT_BUFFER)");
        add("READONLY_BUFFER", std::string("\x80\x05N\x98.", 5), "opcode 0x98 (READONLY_BUFFER)");
        add("protocol 6", std::string("\x80\x06}.", 4), "pickle protocol 6 is not supported");
    }
    // Each is refused through the .pt reader with one line naming the file.
    void refusesHostilePickles() {
        QFETCH(QByteArray, pkl);
        QFETCH(QString, message);
        try {
            decodeWeights(archive(pkl.toStdString()), "hostile.pt");
            QFAIL("accepted a hostile pickle");
        } catch (const std::runtime_error& e) {
            const QString what = e.what();
            QVERIFY2(what.startsWith("hostile.pt: "), e.what());
            QVERIFY2(what.contains(message), e.what());
            QVERIFY2(!what.contains('\n'), e.what());
        }
    }

    // torch.save's protocol-4 data.pkl, cut short and damaged byte by byte,
    // then packaged with its storages: each variant loads a state dict that
    // holds together or is refused on one line naming the file. (Crashes and
    // leaks are the sanitizer build's to catch.)
    void survivesDamagedProtocol4Pickles() {
        const std::string torchFile = linearlab::io::test::readFixture("torch_protocol_4.pt");
        QVERIFY(!torchFile.empty());
        ReadLimits limits;
        limits.maxUncompressedBytes = 16 << 20;
        ZipArchiveReader torchZip(torchFile, limits);
        std::vector<std::pair<std::string, std::string>> members;
        for (const std::string& name : torchZip.names())
            members.emplace_back(name, torchZip.read(name));
        const std::string pklName = "torch_protocol_4/data.pkl";
        QCOMPARE(members.front().first, pklName);
        const std::string base = members.front().second;
        auto wrap = [&members](const std::string& pkl) {
            ZipArchiveWriter zip;
            zip.add(members.front().first, pkl);
            for (size_t i = 1; i < members.size(); ++i)
                zip.add(members[i].first, members[i].second);
            return zip.finish();
        };
        QCOMPARE(decodeWeights(wrap(base), "mutant.pt", limits).size(), size_t{34});

        std::mt19937 rng(4);
        int loaded = 0;
        std::set<std::string> kinds;
        for (int i = 0; i < 3000; ++i) {
            std::string pkl = base;
            if (i < 300) {
                pkl.resize(rng() % base.size());
            } else {
                for (int e = 1 + static_cast<int>(rng() % 3); e > 0; --e) {
                    const size_t at = rng() % pkl.size();
                    if (rng() % 4 == 0)
                        pkl.erase(at, 1 + rng() % 4);
                    else
                        pkl[at] = static_cast<char>(rng());
                }
            }
            StateDict sd;
            try {
                sd = decodeWeights(wrap(pkl), "mutant.pt", limits);
            } catch (const std::runtime_error& e) {
                const std::string problem = rejectionProblem(e.what(), "mutant.pt");
                QVERIFY2(problem.empty(), qPrintable(QStringLiteral("variant %1: %2: %3")
                                                         .arg(i)
                                                         .arg(problem.c_str(), e.what())));
                kinds.insert(kindOf(e.what()));
                continue;
            }
            ++loaded;
            std::set<std::string> names;
            for (const NamedTensor& t : sd) {
                QVERIFY2(names.insert(t.name).second, qPrintable(QString("variant %1").arg(i)));
                QCOMPARE(static_cast<std::int64_t>(t.values.size()),
                         detail::checkedNumel(t.shape, t.name));
            }
        }
        qInfo("%d variants loaded, the rest refused in %zu ways", loaded, kinds.size());
        QVERIFY2(kinds.size() >= 10, "the variants reach fewer than ten checks");
        QVERIFY(loaded > 0);
    }

    // Random streams of the accepted protocol-4 opcodes, FRAMEs of random
    // length among them, to reach frame, memo and stack checks together.
    void survivesRandomProtocol4Opcodes() {
        const char ops[] = {'(',    ')',    't',    '\x85', '\x86', 'N', '\x89', 'K',
                            '\x94', 'h',    '}',    's',    'u',    'R', 'Q',    '\x8c',
                            '\x93', '\x95', '\x8d', 'j',    'b',    'c'};
        const char* const names[] = {"collections",  "OrderedDict", "torch",
                                     "FloatStorage", "os",          "system"};
        std::mt19937 rng(5);
        std::set<std::string> kinds;
        int loaded = 0;
        for (int i = 0; i < 5000; ++i) {
            std::string p("\x80\x04", 2);
            const int n = 1 + static_cast<int>(rng() % 60);
            for (int k = 0; k < n; ++k) {
                const char op = ops[rng() % sizeof ops];
                p += op;
                if (op == 'K' || op == 'h')
                    p += static_cast<char>(rng() % 4);
                else if (op == 'j')
                    p += Pickler::le(rng() % 4, 4);
                else if (op == '\x8c') {
                    const std::string text = names[rng() % std::size(names)];
                    p += static_cast<char>(text.size()) + text;
                } else if (op == '\x8d')
                    p += Pickler::le(rng() % 3, 8) + "ab";
                else if (op == '\x95')
                    p += Pickler::le(rng() % 24, 8);
                else if (op == 'c')
                    p += rng() % 2 ? "collections\nOrderedDict\n" : "os\nsystem\n";
            }
            p += '.';
            try {
                const std::vector<PickledTensor> tensors = RestrictedUnpickler().load(p);
                QVERIFY(tensors.empty());  // no storage, so at most an empty OrderedDict
                ++loaded;
            } catch (const std::runtime_error& e) {
                const std::string what = e.what();
                QVERIFY2(what.find('\n') == std::string::npos, e.what());
                kinds.insert(kindOf(what));
            }
        }
        qInfo("%d streams loaded, the rest refused in %zu ways", loaded, kinds.size());
        QVERIFY2(kinds.size() >= 15, "the streams reach fewer than fifteen checks");
        QVERIFY(kinds.count("pickle refers to os.system, which a state dict never contains"));
    }
};

QTEST_GUILESS_MAIN(TestRestrictedUnpickler)
#include "tst_restricted_unpickler.moc"
