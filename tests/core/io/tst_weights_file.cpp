#include "core/data/little_endian.h"
#include "core/io/weights_file.h"
#include "io_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace linearlab::io;
using namespace linearlab::io::test;

namespace {

QByteArray safetensorsFile(const std::string& header) {
    std::string bytes;
    linearlab::data::appendLE<std::uint64_t>(bytes, header.size());
    bytes += header;
    return QByteArray::fromStdString(bytes);
}

// "0.weight", "1.weight", ...: tiny tensors whose values say which they are.
StateDict manyTensors(std::int64_t count) {
    StateDict sd;
    sd.reserve(static_cast<size_t>(count));
    for (std::int64_t i = 0; i < count; ++i) {
        NamedTensor t;
        t.name = std::to_string(i) + ".weight";
        t.shape = {2};
        t.values = {static_cast<float>(i), -0.5f * static_cast<float>(i)};
        sd.push_back(std::move(t));
    }
    return sd;
}

}  // namespace

class TestWeightsFile : public QObject {
    Q_OBJECT

private slots:
    void dispatcherChoosesByExtension() {
        QTemporaryDir dir;
        const StateDict sd = sampleStateDict();
        for (const char* name : {"w.json", "w.CSV", "w.safetensors", "w.pt", "w.pth", "w.npz"}) {
            writeWeights(dir.filePath(name), sd);
            QCOMPARE(QString::fromStdString(compare(readWeights(dir.filePath(name)), sd, false)),
                     QString());
        }
        QFile json(dir.filePath("w.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QVERIFY(json.readAll().startsWith("{\n  \"0.weight\": {\"shape\": [2, 3]"));
        try {
            writeWeights(dir.filePath("w.txt"), sd);
            QFAIL("wrote an unknown extension");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).startsWith("w.txt: unknown weights file extension"),
                     e.what());
        }
        try {
            readWeights(dir.filePath("missing.json"));
            QFAIL("read a missing file");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).endsWith("missing.json: no such file"), e.what());
        }
        ReadLimits small;
        small.maxFileBytes = 10;
        try {
            readWeights(dir.filePath("w.json"), small);
            QFAIL("read a file over the size limit");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("more than the 10-byte limit"), e.what());
        }
    }

    // As many tensors as the default limits allow: each loader reads them all,
    // in order (timing them is linearlab-bench --weights' job). Tensors 65535
    // and 65536 straddle the most members a zip holds without zip64 records.
    void readsAsManyTensorsAsTheLimitAllows_data() {
        QTest::addColumn<QString>("file");
        for (const char* file : {"w.safetensors", "w.pt", "w.npz", "w.json", "w.csv"})
            QTest::newRow(file) << QString(file);
    }
    void readsAsManyTensorsAsTheLimitAllows() {
        QFETCH(QString, file);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::int64_t count = ReadLimits{}.maxTensors;
        const StateDict sd = manyTensors(count);
        writeWeights(dir.filePath(file), sd);
        const StateDict back = readWeights(dir.filePath(file));
        QCOMPARE(static_cast<std::int64_t>(back.size()), count);
        for (std::int64_t i = 0; i < count; ++i) {
            const auto k = static_cast<size_t>(i);
            if (back[k].name != sd[k].name)
                QFAIL(qPrintable(QString("tensor %1 is '%2', expected '%3'")
                                     .arg(i)
                                     .arg(QString::fromStdString(back[k].name),
                                          QString::fromStdString(sd[k].name))));
        }
        for (const std::int64_t i : {std::int64_t{0}, std::int64_t{1}, std::int64_t{65535},
                                     std::int64_t{65536}, count / 2, count - 1}) {
            const auto k = static_cast<size_t>(i);
            QCOMPARE(QString::fromStdString(compare({back[k]}, {sd[k]})), QString());
            QCOMPARE(QString::fromStdString(back[k].dtype), QString("float32"));
        }
    }

    // One tensor over the limit is refused, in one line naming the file.
    void refusesOneTensorOverTheLimit_data() { readsAsManyTensorsAsTheLimitAllows_data(); }
    void refusesOneTensorOverTheLimit() {
        QFETCH(QString, file);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ReadLimits limits;
        limits.maxTensors = 100;
        writeWeights(dir.filePath(file), manyTensors(100));
        QCOMPARE(readWeights(dir.filePath(file), limits).size(), size_t(100));
        writeWeights(dir.filePath(file), manyTensors(101));
        try {
            readWeights(dir.filePath(file), limits);
            QFAIL("read more tensors than the limit");
        } catch (const std::runtime_error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(file + ": "), e.what());
            QVERIFY2(message.contains("more than 100"), e.what());
            QVERIFY2(!message.contains('\n'), e.what());
        }
    }

    void decodeWeightsParsesAsReadWeights() {
        QTemporaryDir dir;
        const StateDict sd = sampleStateDict();
        for (const char* name : {"w.json", "w.csv", "w.safetensors", "w.pt", "w.npz"}) {
            const QString path = dir.filePath(name);
            writeWeights(path, sd);
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            // The path only chooses the format; no file is read.
            const StateDict got = decodeWeights(bytes.toStdString(), QString("elsewhere/") + name);
            QCOMPARE(QString::fromStdString(compare(got, readWeights(path))), QString());
        }
        const NamedTensor bias = sampleStateDict()[1];
        QTemporaryDir npyDir;
        writeWeights(npyDir.filePath("0.bias.npy"), {bias});
        QFile npy(npyDir.filePath("0.bias.npy"));
        QVERIFY(npy.open(QIODevice::ReadOnly));
        const StateDict one = decodeWeights(npy.readAll().toStdString(), "0.bias.npy");
        QCOMPARE(QString::fromStdString(compare(one, {bias})), QString());  // named by the stem
        try {
            decodeWeights("{", "model.json");
            QFAIL("accepted truncated JSON");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString(e.what()), QStringLiteral("model.json: JSON offset 1: expected '\"'"));
        }
        try {
            decodeWeights("", "model.bin");
            QFAIL("decoded an unknown extension");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).startsWith("model.bin: unknown weights file extension"),
                     e.what());
        }
    }

    void errorsAreOnePrintableLine_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("csv name with a line break")
            << "w.csv" << QByteArray("name,shape,values\n\"a\nb\",1,1\n\"a\nb\",1,2\n")
            << "w.csv: CSV line 3: tensor 'a\\x0ab' appears twice";
        QTest::newRow("csv value with an escape sequence")
            << "w.csv" << QByteArray("name,shape,values\nw,1,\x1b[2J\n")
            << "w.csv: CSV line 2: '\\x1b[2J' is not a number";
        QTest::newRow("json key with DEL and U+0001")
            << "w.json" << QByteArray("{\"a\": {\"shape\": [], \"values\": 1, \"\x7f\\u0001\": 1}}")
            << "w.json: JSON offset 43: unexpected key '\\x7f\\x01' in tensor 'a'";
        QTest::newRow("safetensors dtype with a tab")
            << "w.safetensors"
            << safetensorsFile(R"({"a":{"dtype":"F\t32","shape":[],"data_offsets":[0,0]}})")
            << "w.safetensors: tensor 'a' has unsupported dtype 'F\\x0932'";
    }
    void errorsAreOnePrintableLine() {
        QFETCH(QString, file);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        try {
            decodeWeights(bytes.toStdString(), file);
            QFAIL("accepted a malformed file");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString::fromUtf8(e.what()), message);
        }
    }
};

QTEST_GUILESS_MAIN(TestWeightsFile)
#include "tst_weights_file.moc"
