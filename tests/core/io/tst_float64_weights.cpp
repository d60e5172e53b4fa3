// float64 weights, exactly: every format LinearLab writes keeps them bit for
// bit (F64, <f8, DoubleStorage, 17 significant digits, base64 float64); the
// files torch.save, numpy.savez and a safetensors writer make read bit for bit
// (tests/fixtures/make_io_fixtures.py); a tensor of the other dtype loads as
// load_state_dict's copy_ converts it; and the read limit counts 8 bytes a value.
#include "core/io/json_weights_format.h"
#include "core/io/network_state.h"
#include "core/io/project_file.h"
#include "core/io/safetensors_format.h"
#include "core/io/weights_file.h"
#include "core/nn/network.h"
#include "io_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace linearlab;
using namespace linearlab::io;
using namespace linearlab::io::test;

namespace {

double fromBits(const QString& hex) {
    const std::uint64_t u = hex.toULongLong(nullptr, 16);
    double d;
    std::memcpy(&d, &u, sizeof d);
    return d;
}

/// f64_expected.json: each tensor's values as the IEEE bits of float64.
StateDict expected64() {
    StateDict sd;
    const QByteArray text = QByteArray::fromStdString(readFixture("f64_expected.json"));
    const QJsonObject root = QJsonDocument::fromJson(text).object();
    for (const char* name : {"0.weight", "0.bias", "2.weight", "2.bias"}) {
        const QJsonObject o = root.value(QLatin1String(name)).toObject();
        NamedTensor t;
        t.name = name;
        t.dtype = "float64";
        for (const QJsonValue& d : o.value("shape").toArray())
            t.shape.push_back(d.toInteger());
        std::vector<double> values;
        for (const QJsonValue& b : o.value("bits").toArray())
            values.push_back(fromBits(b.toString()));
        t.values = std::move(values);
        sd.push_back(std::move(t));
    }
    return sd;
}

/// Values float32 cannot hold, and the edges: a third, 0.1, -0.0, NaN, +-inf,
/// the smallest subnormal and the largest double.
NamedTensor awkward64(const std::string& name) {
    NamedTensor t;
    t.name = name;
    t.dtype = "float64";
    t.shape = {3, 3};
    t.values = std::vector<double>{1.0 / 3,
                                   0.1,
                                   -0.0,
                                   std::numeric_limits<double>::quiet_NaN(),
                                   std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity(),
                                   std::numeric_limits<double>::denorm_min(),
                                   std::numeric_limits<double>::max(),
                                   -2.0 / 7};
    return t;
}

const NamedTensor& named(const StateDict& sd, const std::string& name) {
    for (const auto& t : sd)
        if (t.name == name)
            return t;
    throw std::runtime_error("no tensor " + name);
}

}  // namespace

class TestFloat64Weights : public QObject {
    Q_OBJECT

private slots:
    void referenceWritersReadExactly_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("torch.save") << "torch_f64.pt";
        QTest::newRow("numpy.savez") << "numpy_f64.npz";
        QTest::newRow("safetensors") << "reference_f64.safetensors";
    }
    void referenceWritersReadExactly() {
        QFETCH(QString, file);
        const StateDict got = readWeights(fixture(file));
        const StateDict want = expected64();
        QCOMPARE(got.size(), want.size());
        for (const NamedTensor& w : want) {
            const NamedTensor& g = named(got, w.name);
            QCOMPARE(g.dtype, std::string("float64"));
            QCOMPARE(g.values.dtype(), nn::DType::Float64);
            QCOMPARE(QString::fromStdString(compare({g}, {w})), QString());
        }
        // The digits float32 would lose are there.
        QCOMPARE(named(got, "0.bias").values.float64()[0], 1.0 / 3);
    }

    void everyFormatRoundTripsFloat64BitForBit_data() {
        QTest::addColumn<QString>("extension");
        for (const char* ext : {"safetensors", "pt", "npz", "json", "csv"})
            QTest::newRow(ext) << ext;
    }
    void everyFormatRoundTripsFloat64BitForBit() {
        QFETCH(QString, extension);
        QTemporaryDir dir;
        // float64 beside float32 in one file: each keeps its own dtype.
        StateDict sd = expected64();
        sd.push_back(awkward64("awkward"));
        sd.push_back(makeTensor("f32", {2, 2}, 0.1f));
        const QString path = dir.filePath("w." + extension);
        writeWeights(path, sd);
        const StateDict back = readWeights(path);
        QCOMPARE(QString::fromStdString(compare(back, sd)), QString());
        QCOMPARE(named(back, "awkward").dtype, std::string("float64"));
        QCOMPARE(named(back, "f32").values.dtype(), nn::DType::Float32);
    }

    void jsonReadsItsDtypeBeforeOrAfterTheValues_data() {
        QTest::addColumn<QString>("json");
        QTest::newRow("dtype first")
            << R"({"w": {"dtype": "float64", "shape": [2], "values": [0.1, 0.30000000000000004]}})";
        QTest::newRow("dtype last")
            << R"({"w": {"shape": [2], "values": [0.1, 0.30000000000000004], "dtype": "float64"}})";
    }
    void jsonReadsItsDtypeBeforeOrAfterTheValues() {
        QFETCH(QString, json);
        const StateDict sd = decodeJsonWeights(json.toStdString());
        QCOMPARE(sd.at(0).values.float64(), (std::vector<double>{0.1, 0.1 + 0.2}));
        // Without a dtype the same text is float32, read once (not through double).
        const StateDict f32 = decodeJsonWeights(R"({"w": {"shape": [1], "values": [0.1]}})");
        QCOMPARE(f32.at(0).values.float32(), std::vector<float>{0.1f});
    }

    void aProjectKeepsFloat64BitForBit() {
        QTemporaryDir dir;
        Project p;
        p.design.inputFeatures = 3;
        nn::LayerSpec fc;
        fc.type = "Linear";
        fc.in_features = 3;
        fc.out_features = 3;
        fc.bias = false;
        p.design.layers = {fc};
        p.design.dtype = nn::DType::Float64;
        NamedTensor w = awkward64("0.weight");
        p.weights = StateDict{w};
        const QString path = dir.filePath("p.linearlab");
        writeProject(path, p);
        const Project back = readProject(path);
        QCOMPARE(back.design.dtype, nn::DType::Float64);
        QVERIFY(back.weights.has_value());
        QVERIFY(back.weights->at(0).values == w.values);
    }

    void otherDtypesConvertAsCopyDoes() {
        nn::Generator gen(0);
        nn::LayerSpec fc;
        fc.type = "Linear";
        fc.in_features = 3;
        fc.out_features = 3;
        fc.bias = false;
        // float64 into float32: rounded to nearest, beyond float's range inf.
        nn::Network<float> net32(3, {fc}, nn::InitSpec{}, gen);
        loadStateDict(net32, {awkward64("0.weight")});
        const float* v = net32.namedParameters()[0].parameter->data();
        QCOMPARE(v[0], static_cast<float>(1.0 / 3));
        QCOMPARE(v[1], 0.1f);
        QVERIFY(std::signbit(v[2]));
        QVERIFY(std::isnan(v[3]));
        QCOMPARE(v[6], 0.0f);
        QCOMPARE(v[7], std::numeric_limits<float>::infinity());
        // float32 into float64: exactly the float's value (0.1f is not 0.1).
        nn::Network<double> net64(3, {fc}, nn::InitSpec{}, gen);
        NamedTensor w32 = makeTensor("0.weight", {3, 3}, 0.1f);
        loadStateDict(net64, {w32});
        QCOMPARE(net64.namedParameters()[0].parameter->data()[0], static_cast<double>(0.1f));
        // And what the network gives back is in its own dtype.
        const StateDict out = stateDictOf(net64);
        QCOMPARE(out[0].dtype, std::string("float64"));
        QCOMPARE(out[0].values.float64()[0], static_cast<double>(0.1f));
    }

    void theReadLimitCountsEightBytesAFloat64Value() {
        // 4 values: 32 bytes as float64. A 24-byte limit refuses the float64
        // file, though the same values as float32 (16 bytes) would pass.
        NamedTensor t;
        t.name = "w";
        t.dtype = "float64";
        t.shape = {4};
        t.values = std::vector<double>{1, 2, 3, 4};
        ReadLimits limits;
        limits.maxUncompressedBytes = 24;
        const std::string f64 = encodeSafetensors({t});
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, decodeSafetensors(f64, limits));
        try {
            decodeSafetensors(f64, limits);
        } catch (const std::runtime_error& e) {
            QVERIFY2(QByteArray(e.what()).contains("32 bytes as float64"), e.what());
        }
        t.values = t.values.convertedTo(nn::DType::Float32);
        QCOMPARE(decodeSafetensors(encodeSafetensors({t}), limits).size(), size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestFloat64Weights)
#include "tst_float64_weights.moc"
