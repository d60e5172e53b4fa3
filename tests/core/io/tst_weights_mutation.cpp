// Every weight reader against thousands of damaged inputs: each must either
// load a self-consistent state dict or throw std::exception - never crash,
// hang or leak (the sanitizer build runs this too). Mutations are
// deterministic (std::mt19937's sequence is fixed by the standard).
#include "core/io/csv_weights_format.h"
#include "core/io/io_util.h"
#include "core/io/json_weights_format.h"
#include "core/io/npz_format.h"
#include "core/io/pt_format.h"
#include "core/io/restricted_unpickler.h"
#include "core/io/safetensors_format.h"
#include "core/io/zip_archive.h"
#include "io_test_util.h"

#include <QtTest>

#include <functional>
#include <random>

using namespace linearlab::io;
using namespace linearlab::io::test;

namespace {

using Decoder = std::function<StateDict(const std::string&)>;

// Tight budgets, so a mutated size field cannot make a test allocate gigabytes.
ReadLimits fuzzLimits() {
    ReadLimits l;
    l.maxFileBytes = 1 << 20;
    l.maxUncompressedBytes = 16 << 20;
    return l;
}

std::string mutate(const std::string& in, std::mt19937& rng) {
    std::string s = in;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
        const size_t at = s.empty() ? 0 : rng() % s.size();
        switch (rng() % 7) {
            case 0:
                if (!s.empty())
                    s[at] = static_cast<char>(s[at] ^ (1u << (rng() % 8)));
                break;
            case 1:
                if (!s.empty())
                    s[at] = '\x00';
                break;
            case 2:
                if (!s.empty())
                    s[at] = '\xff';
                break;
            case 3:
                if (!s.empty())
                    s[at] = '\x7f';
                break;
            case 4:
                s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(rng()));
                break;
            case 5:
                if (!s.empty())
                    s.erase(at, 1 + rng() % 4);
                break;
            default:
                if (!s.empty())
                    s[at] = static_cast<char>(rng());
        }
    }
    return s;
}

struct Tally {
    int loaded = 0;
    int rejected = 0;
};

// Runs one input; a loaded result must be internally consistent.
void probe(const Decoder& decode, const std::string& bytes, Tally& tally) {
    StateDict sd;
    try {
        sd = decode(bytes);
    } catch (const std::exception&) {
        ++tally.rejected;
        return;
    }
    ++tally.loaded;
    for (const NamedTensor& t : sd) {
        const std::int64_t n = detail::checkedNumel(t.shape, t.name);
        if (static_cast<std::int64_t>(t.values.size()) != n)
            QFAIL(("inconsistent tensor '" + t.name + "' loaded").c_str());
    }
}

// A torch.save archive around `pkl` and the storages of `sd` (valid CRCs,
// so mutations reach the unpickler and the storage checks).
std::string ptArchive(const std::string& pkl, const StateDict& sd) {
    ZipArchiveWriter zip;
    zip.add("archive/data.pkl", pkl);
    for (size_t i = 0; i < sd.size(); ++i)
        zip.add("archive/data/" + std::to_string(i),
                std::string(reinterpret_cast<const char*>(sd[i].values.data()),
                            sd[i].values.size() * sizeof(float)));
    zip.add("archive/version", "3\n");
    return zip.finish();
}

}  // namespace

class TestWeightsMutation : public QObject {
    Q_OBJECT

private slots:
    void survivesMutations_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("seed");
        for (const char* f : {"safetensors", "safetensors-reference", "pt", "pt-torch", "pt-pickle",
                              "npz", "npz-compressed", "npz-members", "npy", "json", "csv"})
            QTest::newRow(f) << f << static_cast<int>(qHash(QString(f)) & 0xffff);
    }
    void survivesMutations() {
        QFETCH(QString, format);
        QFETCH(int, seed);
        const ReadLimits limits = fuzzLimits();
        const StateDict sd = sampleStateDict();
        std::string base;
        Decoder decode;
        std::function<std::string(const std::string&)> wrap = [](const std::string& s) {
            return s;
        };
        if (format == "safetensors" || format == "safetensors-reference") {
            base = format == "safetensors" ? encodeSafetensors(sd)
                                           : readFixture("reference.safetensors");
            decode = [&](const std::string& b) { return decodeSafetensors(b, limits); };
        } else if (format == "pt" || format == "pt-torch") {
            base = format == "pt" ? encodePt(sd) : readFixture("torch_sequential.pth");
            decode = [&](const std::string& b) { return decodePt(b, limits); };
        } else if (format == "pt-pickle") {
            // Mutate data.pkl itself, then repackage it with intact CRCs.
            const std::string pt = encodePt(sd);
            ZipArchiveReader zip(pt, limits);
            base = zip.read("archive/data.pkl");
            wrap = [&](const std::string& pkl) { return ptArchive(pkl, sd); };
            decode = [&](const std::string& b) { return decodePt(b, limits); };
        } else if (format == "npz" || format == "npz-compressed") {
            base = format == "npz" ? encodeNpz(sd) : readFixture("numpy_savez_compressed.npz");
            decode = [&](const std::string& b) { return decodeNpz(b, limits); };
        } else if (format == "npz-members") {
            base = encodeNpy(sd[2]);
            wrap = [&](const std::string& npy) {
                ZipArchiveWriter zip;
                zip.add("a.npy", encodeNpy(sd[0]));
                zip.add("b.npy", npy);
                return zip.finish();
            };
            decode = [&](const std::string& b) { return decodeNpz(b, limits); };
        } else if (format == "npy") {
            base = readFixture("numpy_weight.npy");
            decode = [&](const std::string& b) { return StateDict{decodeNpy(b, "w", limits)}; };
        } else if (format == "json") {
            base = encodeJsonWeights(sd);
            decode = [&](const std::string& b) { return decodeJsonWeights(b, limits); };
        } else {
            base = encodeCsvWeights(sd);
            decode = [&](const std::string& b) { return decodeCsvWeights(b, limits); };
        }
        QVERIFY(!base.empty());
        // The unmutated input must load, or the mutants prove nothing.
        Tally clean;
        probe(decode, wrap(base), clean);
        QCOMPARE(clean.loaded, 1);

        Tally tally;
        for (size_t cut = 0; cut < base.size(); cut += 1 + base.size() / 500)
            probe(decode, wrap(base.substr(0, cut)), tally);
        std::mt19937 rng(static_cast<std::uint32_t>(seed));
        for (int i = 0; i < 2000; ++i)
            probe(decode, wrap(mutate(base, rng)), tally);
        qInfo("%s: %d variants loaded, %d rejected", qPrintable(format), tally.loaded,
              tally.rejected);
        QVERIFY(tally.loaded + tally.rejected >= 2000);
        QVERIFY(tally.rejected > 0);
    }

    void unpicklerSurvivesRandomOpcodes() {
        // Random streams drawn from the accepted opcodes, to reach the
        // stack, memo and container checks in combinations files rarely hit.
        const char ops[] = {'(', ')', 't', '\x85', '\x86', '\x87', 'N', '\x88', '\x89', 'K',
                            'q', 'h', '}', 's',    'u',    'R',    'Q', 'b',    'X',    'c'};
        std::mt19937 rng(7);
        Tally tally;
        const RestrictedUnpickler unpickler(fuzzLimits());
        for (int i = 0; i < 3000; ++i) {
            std::string p("\x80\x02", 2);
            const int n = 1 + static_cast<int>(rng() % 60);
            for (int k = 0; k < n; ++k) {
                const char op = ops[rng() % sizeof ops];
                p += op;
                if (op == 'K' || op == 'q' || op == 'h')
                    p += static_cast<char>(rng() % 4);
                else if (op == 'X')
                    p += std::string("\x01\x00\x00\x00", 4) + static_cast<char>('a' + rng() % 3);
                else if (op == 'c')
                    p += rng() % 2 ? "collections\nOrderedDict\n" : "torch\nFloatStorage\n";
            }
            p += '.';
            try {
                unpickler.load(p);
                ++tally.loaded;
            } catch (const std::exception&) {
                ++tally.rejected;
            }
        }
        QVERIFY(tally.rejected > 0);
        QCOMPARE(tally.loaded + tally.rejected, 3000);
    }
};

QTEST_GUILESS_MAIN(TestWeightsMutation)
#include "tst_weights_mutation.moc"
