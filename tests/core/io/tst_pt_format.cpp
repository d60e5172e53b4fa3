#include "core/data/little_endian.h"
#include "core/io/pickle_writer.h"
#include "core/io/pt_format.h"
#include "core/io/restricted_unpickler.h"
#include "core/io/weights_file.h"
#include "core/io/zip_archive.h"
#include "core/nn/memory_budget.h"
#include "io_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace linearlab::io;
using namespace linearlab::io::test;

namespace {

std::string member(const std::string& zipBytes, const std::string& name) {
    ZipArchiveReader zip(zipBytes, ReadLimits{});
    return zip.read(name);
}

// A torch.save-layout archive around a hand-made pickle and storages.
std::string archive(const std::string& pkl, const std::vector<std::string>& storages = {}) {
    ZipArchiveWriter zip;
    zip.add("archive/data.pkl", pkl);
    for (size_t i = 0; i < storages.size(); ++i)
        zip.add("archive/data/" + std::to_string(i), storages[i]);
    zip.add("archive/version", "3\n");
    return zip.finish();
}

// OrderedDict with one entry 'w' -> _rebuild_tensor_v2(storage of `numel`
// floats, offset, size, stride, False, OrderedDict()).
std::string onePickle(std::int64_t numel, std::int64_t offset, std::vector<std::int64_t> size,
                      std::vector<std::int64_t> stride) {
    PickleWriter p;
    p.global("collections", "OrderedDict");
    p.emptyTuple();
    p.reduce();
    p.string("w");
    p.global("torch._utils", "_rebuild_tensor_v2");
    p.mark();
    p.mark();
    p.string("storage");
    p.global("torch", "FloatStorage");
    p.string("0");
    p.string("cpu");
    p.integer(numel);
    p.tuple(5);
    p.binPersId();
    p.integer(offset);
    p.mark();
    for (auto s : size)
        p.integer(s);
    p.tuple(4);  // MARK ... TUPLE, valid for any length
    p.mark();
    for (auto s : stride)
        p.integer(s);
    p.tuple(4);
    p.boolean(false);
    p.global("collections", "OrderedDict");
    p.emptyTuple();
    p.reduce();
    p.tuple(6);
    p.reduce();
    p.setItem();
    return p.finish();
}

// expectedFixture's tensors with the values taken from each entry's "bits",
// the float32 bit patterns, which keep -0.0 (Qt's JSON reader makes it 0.0).
StateDict expectedBits(const QString& name) {
    StateDict sd = expectedFixture(name);
    const QJsonObject root = QJsonDocument::fromJson(readFixture(name).c_str()).object();
    for (NamedTensor& t : sd) {
        const QJsonArray bits =
            root.value(QString::fromStdString(t.name)).toObject()["bits"].toArray();
        std::vector<float> values;
        for (const QJsonValue& b : bits) {
            const auto u = static_cast<std::uint32_t>(b.toInteger());
            float f;
            std::memcpy(&f, &u, sizeof f);
            values.push_back(f);
        }
        t.values = std::move(values);
    }
    return sd;
}

std::string floats(std::initializer_list<float> v) {
    return std::string(reinterpret_cast<const char*>(v.begin()), v.size() * sizeof(float));
}

}  // namespace

class TestPtFormat : public QObject {
    Q_OBJECT

private slots:
    void roundTrip() {
        const StateDict sd = sampleStateDict();
        QCOMPARE(QString::fromStdString(compare(decodePt(encodePt(sd)), sd)), QString());
        QCOMPARE(decodePt(encodePt({})).size(), size_t{0});
        const StateDict one{makeTensor("only", {4, 1, 2, 3, 1})};
        QCOMPARE(QString::fromStdString(compare(decodePt(encodePt(one)), one)), QString());
    }

    void pickleMatchesTorchSave() {
        // Same keys and shapes as torch.save(model.state_dict()) for
        // Sequential(Linear(3, 2), ReLU(), Linear(2, 1)): our data.pkl must be
        // byte-identical to PyTorch's up to the state dict's SETITEMS; PyTorch
        // then adds the optional _metadata attribute.
        const std::string torchFile = readFixture("torch_sequential.pth");
        const StateDict sd = expectedFixture("torch_sequential_expected.json");
        QCOMPARE(sd.size(), size_t{4});
        const std::string ours =
            member(encodePt(sd, "torch_sequential"), "torch_sequential/data.pkl");
        const std::string theirs = member(torchFile, "torch_sequential/data.pkl");
        QCOMPARE(ours.back(), '.');
        QCOMPARE(ours[ours.size() - 2], 'u');
        QCOMPARE(QByteArray::fromStdString(theirs.substr(0, ours.size() - 1)),
                 QByteArray::fromStdString(ours.substr(0, ours.size() - 1)));
    }

    void archiveLayoutIsTorchs() {
        const StateDict sd = sampleStateDict();
        const std::string bytes = encodePt(sd, "model");
        ZipArchiveReader zip(bytes, ReadLimits{});
        std::vector<std::string> want{"model/data.pkl"};
        for (size_t i = 0; i < sd.size(); ++i)
            want.push_back("model/data/" + std::to_string(i));
        want.push_back("model/version");
        QCOMPARE(zip.names(), want);
        QCOMPARE(zip.read("model/version"), std::string("3\n"));
        QCOMPARE(zip.size("model/data/2"), std::int64_t{2 * 3 * 4 * 4});
        // Stored members with data 64-byte aligned, as PyTorch's writer leaves them.
        size_t p = 0;
        for (size_t i = 0; i < want.size(); ++i) {
            QCOMPARE(linearlab::data::loadLE<std::uint32_t>(bytes.data() + p), 0x04034b50u);
            QCOMPARE(linearlab::data::loadLE<std::uint16_t>(bytes.data() + p + 8),
                     std::uint16_t{0});
            const auto size = linearlab::data::loadLE<std::uint32_t>(bytes.data() + p + 18);
            const size_t data = p + 30 +
                                linearlab::data::loadLE<std::uint16_t>(bytes.data() + p + 26) +
                                linearlab::data::loadLE<std::uint16_t>(bytes.data() + p + 28);
            QVERIFY2(data % 64 == 0, want[i].c_str());
            p = data + size;
        }
    }

    void readsTorchSave_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("tensors of every rank") << "torch_state_dict.pt"
                                               << "expected.json";
        QTest::newRow("model.state_dict()") << "torch_sequential.pth"
                                            << "torch_sequential_expected.json";
        QTest::newRow("views sharing a storage, f64, i64") << "torch_views.pt"
                                                           << "torch_views_expected.json";
    }
    void readsTorchSave() {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const StateDict want = expectedFixture(expected);
        QVERIFY(!want.empty());
        QCOMPARE(QString::fromStdString(compare(readWeights(fixture(file)), want, false)),
                 QString());
    }

    // torch.save(sd, f, pickle_protocol=N) for each protocol torch.save takes,
    // read bit for bit with each tensor's dtype.
    void readsEveryPickleProtocol_data() {
        QTest::addColumn<QString>("file");
        for (int proto = 2; proto <= 5; ++proto) {
            const QString file = QString("torch_protocol_%1.pt").arg(proto);
            QTest::newRow(qPrintable(file)) << file;
        }
    }
    void readsEveryPickleProtocol() {
        QFETCH(QString, file);
        const StateDict want = expectedBits("torch_protocols_expected.json");
        QCOMPARE(want.size(), size_t{34});
        QCOMPARE(want[6].values.size(), size_t{4});
        const StateDict got = readWeights(fixture(file));
        // The expected bits are float32's; float64 and int64 are held as float64.
        StateDict asFloat32 = got;
        for (NamedTensor& t : asFloat32) {
            const bool wide = t.dtype == "float64" || t.dtype == "int64";
            QCOMPARE(t.values.dtype(),
                     wide ? linearlab::nn::DType::Float64 : linearlab::nn::DType::Float32);
            t.values = t.values.convertedTo(linearlab::nn::DType::Float32);
        }
        QCOMPARE(QString::fromStdString(compare(asFloat32, want)), QString());
        for (size_t i = 0; i < want.size(); ++i)
            QCOMPARE(QString::fromStdString(got[i].dtype), QString::fromStdString(want[i].dtype));
        QCOMPARE(got[0].name, std::string("0.weight"));           // a Parameter
        QVERIFY(std::signbit(got[6].values.float32()[0]));        // -0.0 stays negative
        QCOMPARE(got.back().values, got[got.size() - 5].values);  // 'tied' is 'many.20'
    }

    // A key of 70,000 characters, which CPython's pickler writes between two
    // FRAMEs: the key 'k' * 70000 holds [1.0, 2.0], then 'after' holds [3.0].
    void readsAStringBetweenTorchFrames() {
        const StateDict got = readWeights(fixture("torch_protocol_4_long_key.pt"));
        QCOMPARE(got.size(), size_t{2});
        QCOMPARE(got[0].name, std::string(70000, 'k'));
        QCOMPARE(got[0].values.float32(), (std::vector<float>{1.0f, 2.0f}));
        QCOMPARE(got[1].name, std::string("after"));
        QCOMPARE(got[1].values.float32(), (std::vector<float>{3.0f}));
    }

    void rejectsMaliciousPickles_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("os.system") << "evil_os_system.pt"
                                   << "evil_os_system.pt: pickle refers to os.system, which a "
                                      "state dict never contains";
        QTest::newRow("posix.system (pickle of os.system)") << "evil_posix_system.pt"
                                                            << "pickle refers to posix.system";
        QTest::newRow("torch.save of an os.system object, protocol 4")
            << "evil_posix_system_p4.pt"
            << "evil_posix_system_p4.pt: pickle refers to posix.system, which a state dict "
               "never contains";
        QTest::newRow("torch.save of an os.system object, protocol 5")
            << "evil_posix_system_p5.pt"
            << "evil_posix_system_p5.pt: pickle refers to posix.system";
        QTest::newRow("builtins.eval") << "evil_builtins_eval.pt"
                                       << "pickle refers to builtins.eval";
        QTest::newRow("REDUCE on a storage class")
            << "evil_reduce_storage.pt"
            << "pickle calls torch.FloatStorage, which a state dict never does";
    }
    void rejectsMaliciousPickles() {
        QFETCH(QString, file);
        QFETCH(QString, message);
        try {
            readWeights(fixture(file));
            QFAIL("accepted a malicious pickle");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    void rejectsHostilePickles_data() {
        QTest::addColumn<QByteArray>("pkl");
        QTest::addColumn<QString>("message");
        auto add = [](const char* tag, const std::string& p, const char* msg) {
            QTest::newRow(tag) << QByteArray::fromStdString(p) << QString(msg);
        };
        add("subprocess",
            std::string("\x80\x02"
                        "csubprocess\nPopen\n.",
                        20),
            "subprocess.Popen");
        add("torch.load itself",
            std::string("\x80\x02"
                        "ctorch\nload\n.",
                        15),
            "torch.load");
        add("unknown opcode",
            std::string("\x80\x02"
                        "]",
                        3),
            "opcode 0x5d");
        add("no STOP",
            std::string("\x80\x02"
                        "}",
                        3),
            "ends before STOP");
        add("memo miss", std::string("\x80\x02h\x05.", 5), "memo entry 5");
        add("underflow", std::string("\x80\x02R.", 4), "stack underflow");
        add("not a dict", std::string("\x80\x02K\x01.", 5), "not a state dict");
        add("deep nesting", "\x80\x02K\x01" + std::string(40, '\x85') + ".", "nest deeper");
        const std::string a(
            "X\x01\x00\x00\x00"
            "a",
            6);  // BINUNICODE 'a'
        const std::string b(
            "X\x01\x00\x00\x00"
            "b",
            6);
        const std::string proto("\x80\x02", 2);
        add("self-containing dict", proto + "}q" + '\0' + a + "h" + '\0' + "s.",
            "cannot hold itself");
        add("cycle through frozen dict",
            proto + "}q" + '\0' + a + "}q\x01" + "s" + "h\x01" + b + "h" + '\0' + "s.",
            "already inside another value");
        add("protocol 1", std::string("\x80\x01}.", 4), "protocol 1");
        add("huge LONG1",
            std::string("\x80\x02\x8a\x09"
                        "123456789.",
                        14),
            "too large");
        add("non-tensor value", proto + "}" + a + "K\x01s.", "'a' is an int, not a tensor");
    }
    void rejectsHostilePickles() {
        QFETCH(QByteArray, pkl);
        QFETCH(QString, message);
        try {
            RestrictedUnpickler().load(pkl.toStdString());
            QFAIL("accepted hostile pickle");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    void stridedViewsAreBoundsChecked() {
        const std::string storage = floats({1, 2, 3, 4, 5, 6});
        // A transposed (3, 2) view of a (2, 3) storage reads column-major.
        const StateDict t = decodePt(archive(onePickle(6, 0, {3, 2}, {1, 3}), {storage}));
        QCOMPARE(t[0].values.float32(), (std::vector<float>{1, 4, 2, 5, 3, 6}));
        const StateDict tail = decodePt(archive(onePickle(6, 4, {2}, {1}), {storage}));
        QCOMPARE(tail[0].values.float32(), (std::vector<float>{5, 6}));
        struct Bad {
            std::string pkl;
            std::string storage;
            const char* message;
        };
        const Bad bad[] = {
            {onePickle(6, 5, {2}, {1}), storage, "reaches element 6 of a storage of 6"},
            {onePickle(6, 0, {3, 3}, {3, 1}), storage, "reaches element 8"},
            {onePickle(6, 0, {2}, {-1}), storage, "negative stride"},
            {onePickle(6, -1, {1}, {1}), storage, "negative storage offset"},
            {onePickle(7, 0, {2}, {1}), storage, "7 elements need 28"},
            {onePickle(6, 0, {2}, {1}), "", "holds 0 bytes"},
            {onePickle(6, 0, {1, 1000000000000}, {0, 0}), storage,
             "has 1000000000000 elements: the file would decode to 3.6 TiB as float32, more than "
             "the 1.0 GiB limit"},
            {onePickle(6, 0, {std::int64_t{1} << 62, 4}, {1, 1}), storage, "too many elements"},
        };
        for (const Bad& b : bad) {
            try {
                decodePt(archive(b.pkl, {b.storage}));
                QFAIL(b.message);
            } catch (const std::runtime_error& e) {
                QVERIFY2(QString(e.what()).contains(b.message), e.what());
            }
        }
        try {
            decodePt(archive(onePickle(6, 0, {2}, {1})));
            QFAIL("read a missing storage");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("missing from the archive"), e.what());
        }
    }

    void theMemoryLimitBoundsWhatAFileDecodes() {
        // A zero stride makes a one-float storage look like a million floats:
        // 4 MB from a few hundred bytes. Under a 1 MiB memory limit it is
        // refused before the values are allocated, the sizes named.
        const std::string storage(4, '\0');
        const std::string file = archive(onePickle(1, 0, {1000000}, {0}), {storage});
        linearlab::nn::setMemoryLimit(1 << 20);
        try {
            decodePt(file);
            linearlab::nn::resetMemoryLimit();
            QFAIL("a view larger than the memory limit was read");
        } catch (const std::runtime_error& e) {
            linearlab::nn::resetMemoryLimit();
            QCOMPARE(QString(e.what()), QString("tensor 'w' has 1000000 elements: the file would "
                                                "decode to 3.8 MiB as float32, more than the "
                                                "1.0 MiB limit"));
        }
        QCOMPARE(decodePt(file)[0].values.size(), size_t(1000000));  // within the default
    }

    void anyArchiveDirectoryName() {
        const StateDict sd{makeTensor("w", {2})};
        QCOMPARE(QString::fromStdString(compare(decodePt(encodePt(sd, "my model v2")), sd)),
                 QString());
        QTemporaryDir dir;
        writeWeights(dir.filePath("weights.pth"), sd);
        QFile f(dir.filePath("weights.pth"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("weights/data.pkl"));
    }

    void rejectsNonArchives() {
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, decodePt(std::string("\x80\x02}.", 4)));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, decodePt("hello"));
        ZipArchiveWriter noPickle;
        noPickle.add("archive/version", "3\n");
        try {
            decodePt(noPickle.finish());
            QFAIL("accepted an archive without data.pkl");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("no <name>/data.pkl"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestPtFormat)
#include "tst_pt_format.moc"
