// Every weight reader against thousands of damaged inputs, through the same
// entry the app uses (decodeWeights, by extension). For each variant a reader
// owes the user one of two things:
//  - a rejection: std::runtime_error "<file>: <problem>" on one printable line;
//  - a state dict that holds together: unique names, known dtypes, ranks and
//    tensor counts within the limits, values matching the shape's product,
//    and no more values than the input has bytes to hold them.
// The unmutated input must load to exactly the tensors it was made from, and
// the variants must reach more than one check. Crashes, hangs and leaks are
// the sanitizer build's to catch (it runs this too). Mutations are
// deterministic (std::mt19937's sequence is fixed by the standard).
#include "core/io/csv_weights_format.h"
#include "core/io/io_util.h"
#include "core/io/json_weights_format.h"
#include "core/io/npz_format.h"
#include "core/io/pt_format.h"
#include "core/io/restricted_unpickler.h"
#include "core/io/safetensors_format.h"
#include "core/io/weights_file.h"
#include "core/io/zip_archive.h"
#include "io_test_util.h"

#include <QtTest>

#include <functional>
#include <random>
#include <regex>
#include <set>

using namespace linearlab::io;
using namespace linearlab::io::test;

namespace {

/// Random mutants per format on every run (the cuts at 500 offsets come on top):
/// the deterministic corpus CI runs, in the Release and the sanitizer builds.
constexpr int kMutantsPerFormat = 10000;

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

// One format under test: the file name it is read as, its unmutated bytes
// (before `wrap`), how a variant is packaged into a file, and what the clean
// file must load to.
struct Subject {
    QString fileName;
    std::string base;
    std::function<std::string(const std::string&)> wrap = [](const std::string& s) { return s; };
    StateDict expected;
    bool bitwise = true;  // text formats cannot spell NaN payloads
    // Each value costs at least one byte of the file, or of uncompressed zip
    // data when members may be deflated or views may share a storage.
    bool zipped = false;
};

// Empty when `message` is a clean rejection of `fileName`, else what is wrong.
std::string rejectionProblem(const std::string& message, const QString& fileName) {
    const std::string prefix = fileName.toStdString() + ": ";
    if (message.compare(0, prefix.size(), prefix) != 0 || message.size() == prefix.size())
        return "does not name the file";
    for (const char c : message)
        if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f')
            return "holds a raw control byte";
    return {};
}

// Empty when the loaded `sd` holds together, else what is wrong.
std::string loadedProblem(const StateDict& sd, const Subject& subject, size_t inputBytes,
                          const ReadLimits& limits) {
    static const std::set<std::string> dtypes = {"float32", "float64", "float16", "bfloat16",
                                                 "int64",   "int32",   "uint8"};
    if (static_cast<std::int64_t>(sd.size()) > limits.maxTensors)
        return "more tensors than the limit";
    std::set<std::string> names;
    std::int64_t values = 0;
    for (const NamedTensor& t : sd) {
        if (!names.insert(t.name).second)
            return "tensor '" + t.name + "' twice";
        if (!dtypes.count(t.dtype))
            return "tensor '" + t.name + "' of unknown dtype '" + t.dtype + "'";
        if (static_cast<int>(t.shape.size()) > limits.maxRank)
            return "tensor '" + t.name + "' of rank " + std::to_string(t.shape.size());
        std::int64_t n = 0;
        try {
            n = detail::checkedNumel(t.shape, t.name);
        } catch (const std::exception& e) {
            return e.what();
        }
        if (static_cast<std::int64_t>(t.values.size()) != n)
            return "tensor '" + t.name + "' has " + std::to_string(t.values.size()) +
                   " values for shape " + linearlab::nn::shapeString(t.shape);
        values += n;
    }
    const std::int64_t room =
        subject.zipped ? limits.maxUncompressedBytes : static_cast<std::int64_t>(inputBytes);
    if (values > room)
        return std::to_string(values) + " values from " + std::to_string(inputBytes) + " bytes";
    return {};
}

struct Tally {
    int loaded = 0;
    int rejected = 0;
    std::set<std::string> kinds;  // rejection messages with their numbers blanked
};

// Runs one variant; a problem fails the test, naming the variant's number.
void probe(const Subject& subject, const std::string& bytes, const ReadLimits& limits, Tally& tally,
           int variant) {
    StateDict sd;
    try {
        sd = decodeWeights(bytes, subject.fileName, limits);
    } catch (const std::runtime_error& e) {
        const std::string problem = rejectionProblem(e.what(), subject.fileName);
        QVERIFY2(problem.empty(), qPrintable(QStringLiteral("variant %1: rejection %2: %3")
                                                 .arg(variant)
                                                 .arg(QString::fromStdString(problem))
                                                 .arg(QString::fromUtf8(e.what()))));
        ++tally.rejected;
        static const std::regex digits("[0-9]+");
        tally.kinds.insert(std::regex_replace(std::string(e.what()), digits, "N"));
        return;
    }
    const std::string problem = loadedProblem(sd, subject, bytes.size(), limits);
    QVERIFY2(problem.empty(), qPrintable(QStringLiteral("variant %1 loaded: %2")
                                             .arg(variant)
                                             .arg(QString::fromStdString(problem))));
    ++tally.loaded;
}

// A torch.save archive around `pkl` and the storages of `sd` (valid CRCs,
// so mutations reach the unpickler and the storage checks).
std::string ptArchive(const std::string& pkl, const StateDict& sd) {
    ZipArchiveWriter zip;
    zip.add("archive/data.pkl", pkl);
    for (size_t i = 0; i < sd.size(); ++i)
        zip.add(
            "archive/data/" + std::to_string(i),
            std::string(static_cast<const char*>(sd[i].values.data()), sd[i].values.byteSize()));
    zip.add("archive/version", "3\n");
    return zip.finish();
}

Subject subjectFor(const QString& format, const StateDict& sd, const ReadLimits& limits) {
    Subject s;
    if (format == "safetensors") {
        s.fileName = "mutant.safetensors";
        s.base = encodeSafetensors(sd);
        s.expected = sd;
    } else if (format == "safetensors-reference") {
        s.fileName = "mutant.safetensors";
        s.base = readFixture("reference.safetensors");
        s.expected = expectedFixture("reference_safetensors_expected.json");
        s.bitwise = false;
    } else if (format == "pt") {
        s.fileName = "mutant.pt";
        s.base = encodePt(sd);
        s.expected = sd;
        s.zipped = true;
    } else if (format == "pt-torch") {
        s.fileName = "mutant.pth";
        s.base = readFixture("torch_sequential.pth");
        s.expected = expectedFixture("torch_sequential_expected.json");
        s.bitwise = false;
        s.zipped = true;
    } else if (format == "pt-pickle") {
        // Mutate data.pkl itself, then repackage it with intact CRCs.
        const std::string pt = encodePt(sd);
        ZipArchiveReader zip(pt, limits);
        s.fileName = "mutant.pt";
        s.base = zip.read("archive/data.pkl");
        s.wrap = [sd](const std::string& pkl) { return ptArchive(pkl, sd); };
        s.expected = sd;
        s.zipped = true;
    } else if (format == "npz") {
        s.fileName = "mutant.npz";
        s.base = encodeNpz(sd);
        s.expected = sd;
        s.zipped = true;
    } else if (format == "npz-compressed") {
        s.fileName = "mutant.npz";
        s.base = readFixture("numpy_savez_compressed.npz");
        s.expected = expectedFixture("expected.json");
        s.bitwise = false;
        s.zipped = true;
    } else if (format == "npz-members") {
        // Mutate one member, packaged with a good one in a well-formed zip.
        s.fileName = "mutant.npz";
        s.base = encodeNpy(sd[2]);
        s.wrap = [sd](const std::string& npy) {
            ZipArchiveWriter zip;
            zip.add("a.npy", encodeNpy(sd[0]));
            zip.add("b.npy", npy);
            return zip.finish();
        };
        NamedTensor a = sd[0], b = sd[2];
        a.name = "a";
        b.name = "b";
        s.expected = {a, b};
        s.zipped = true;
    } else if (format == "npy") {
        s.fileName = "1.weight.npy";
        s.base = readFixture("numpy_weight.npy");
        s.expected = {expectedFixture("expected.json").at(2)};
        s.bitwise = false;
    } else if (format == "json") {
        s.fileName = "mutant.json";
        s.base = encodeJsonWeights(sd);
        s.expected = sd;
        s.bitwise = false;
    } else {
        s.fileName = "mutant.csv";
        s.base = encodeCsvWeights(sd);
        s.expected = sd;
        s.bitwise = false;
    }
    return s;
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
        const Subject subject = subjectFor(format, sampleStateDict(), limits);
        QVERIFY(!subject.base.empty());
        QVERIFY(!subject.expected.empty());

        // The unmutated file loads to exactly what it was made from, or the
        // mutants prove nothing.
        const StateDict clean = decodeWeights(subject.wrap(subject.base), subject.fileName, limits);
        QCOMPARE(QString::fromStdString(compare(clean, subject.expected, subject.bitwise)),
                 QString());

        Tally tally;
        int variant = 0;
        for (size_t cut = 0; cut < subject.base.size(); cut += 1 + subject.base.size() / 500) {
            probe(subject, subject.wrap(subject.base.substr(0, cut)), limits, tally, variant++);
            if (QTest::currentTestFailed())
                return;
        }
        std::mt19937 rng(static_cast<std::uint32_t>(seed));
        for (int i = 0; i < kMutantsPerFormat; ++i) {
            probe(subject, subject.wrap(mutate(subject.base, rng)), limits, tally, variant++);
            if (QTest::currentTestFailed())
                return;
        }
        qInfo("%s: %d variants, %d loaded, %d rejected in %zu ways", qPrintable(format), variant,
              tally.loaded, tally.rejected, tally.kinds.size());
        QVERIFY(tally.loaded + tally.rejected >= kMutantsPerFormat);
        // A reader that refused everything, or stopped at its first check,
        // would pass the checks above; these would not let it.
        QVERIFY2(tally.kinds.size() >= 5, "the variants reach fewer than five checks");
        QVERIFY2(tally.loaded > 0, "no variant loaded, though some damage leaves a valid file");
    }

    void unpicklerSurvivesRandomOpcodes() {
        // Random streams drawn from the accepted opcodes, to reach the
        // stack, memo and container checks in combinations files rarely hit.
        const char ops[] = {'(', ')', 't', '\x85', '\x86', '\x87', 'N', '\x88', '\x89', 'K',
                            'q', 'h', '}', 's',    'u',    'R',    'Q', 'b',    'X',    'c'};
        const ReadLimits limits = fuzzLimits();
        std::mt19937 rng(7);
        const RestrictedUnpickler unpickler(limits);
        int loaded = 0;
        std::set<std::string> kinds;
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
            std::vector<PickledTensor> tensors;
            try {
                tensors = unpickler.load(p);
            } catch (const std::runtime_error& e) {
                const std::string what = e.what();
                QVERIFY2(!what.empty() && what.find('\n') == std::string::npos, e.what());
                static const std::regex digits("[0-9]+");
                kinds.insert(std::regex_replace(what, digits, "N"));
                continue;
            }
            ++loaded;
            // Random streams hold no storages, so a state dict they build is
            // empty: an OrderedDict() and nothing in it.
            QVERIFY2(tensors.empty(), qPrintable(QStringLiteral("stream %1").arg(i)));
        }
        qInfo("%d streams loaded, the rest rejected in %zu ways", loaded, kinds.size());
        QVERIFY2(kinds.size() >= 10, "the streams reach fewer than ten checks");
        QVERIFY(loaded < 3000);
    }
};

QTEST_GUILESS_MAIN(TestWeightsMutation)
#include "tst_weights_mutation.moc"
