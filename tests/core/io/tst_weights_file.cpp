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
