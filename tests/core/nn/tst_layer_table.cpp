// The layer table: every entry agrees with the module it builds (repr, output
// shape, parameter count), states PyTorch's constructor and defaults, and the
// lookups reject a name the table does not hold.
#include "core/nn/layer_table.h"

#include <QtTest>

#include <set>

using namespace linearlab::nn;

class TestLayerTable : public QObject {
    Q_OBJECT

private slots:
    void everyEntryAgreesWithItsModule_data();
    void everyEntryAgreesWithItsModule();
    void pythonConstructor_data();
    void pythonConstructor();
    void defaultsArePyTorchs();
    void defaultSpecFitsTheInputWidth();
    void namesAreUniqueAndGrouped();
    void unknownTypeIsRefused();
    void optionsCompareByValue();
    void numbersKeepTheirSpelling();
    void choicesTakeTheirDefault();
};

namespace {

/// A spec of `type` with small, distinct feature counts for an input of width 3.
LayerSpec sampleSpec(const LayerType& type) {
    LayerSpec spec = type.defaultSpec(3);
    if (type.takes("in1_features")) {
        spec.in1_features = 3;
        spec.in2_features = 3;
    }
    if (type.takes("out_features"))
        spec.out_features = 5;
    return spec;
}

}  // namespace

void TestLayerTable::everyEntryAgreesWithItsModule_data() {
    QTest::addColumn<QString>("type");
    for (const auto& t : layerTable())
        QTest::newRow(t.name.c_str()) << QString::fromStdString(t.name);
}

void TestLayerTable::everyEntryAgreesWithItsModule() {
    QFETCH(QString, type);
    const LayerType& t = layerType(type.toStdString());
    const LayerSpec spec = sampleSpec(t);
    Generator gen(0);
    auto m = makeModule<float>(spec, gen);
    auto md = makeModule<double>(spec, gen);
    QVERIFY(m && md);
    QCOMPARE(m->repr(), t.repr(spec));
    QCOMPARE(md->repr(), t.repr(spec));
    QCOMPARE(!m->namedParameters().empty(), t.hasParameters && !t.isLazy);
    if (!t.isLazy)
        QCOMPARE(m->parameterCount(), t.parameterCount(spec, 3));
    const Shape in{4, 3};
    QCOMPARE(m->outputShape(in), t.outputShape(spec, in, in));
}

void TestLayerTable::pythonConstructor_data() {
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("python");
    QTest::newRow("Linear") << "Linear"
                            << "nn.Linear(3, 5, bias=True)";
    QTest::newRow("NonDynamicallyQuantizableLinear")
        << "NonDynamicallyQuantizableLinear"
        << "NonDynamicallyQuantizableLinear(3, 5, bias=True)";
    QTest::newRow("LazyLinear") << "LazyLinear"
                                << "nn.LazyLinear(5, bias=True)";
    QTest::newRow("Bilinear") << "Bilinear"
                              << "nn.Bilinear(3, 3, 5, bias=True)";
    QTest::newRow("Identity") << "Identity"
                              << "nn.Identity()";
    QTest::newRow("ReLU") << "ReLU"
                          << "nn.ReLU()";
    QTest::newRow("LeakyReLU") << "LeakyReLU"
                               << "nn.LeakyReLU(negative_slope=0.01)";
    QTest::newRow("Softplus") << "Softplus"
                              << "nn.Softplus(beta=1, threshold=20)";
    QTest::newRow("GELU") << "GELU"
                          << "nn.GELU(approximate='none')";
    QTest::newRow("SELU") << "SELU"
                          << "nn.SELU()";
    QTest::newRow("CELU") << "CELU"
                          << "nn.CELU(alpha=1.0)";
    QTest::newRow("Hardtanh") << "Hardtanh"
                              << "nn.Hardtanh(min_val=-1.0, max_val=1.0)";
    QTest::newRow("ReLU6") << "ReLU6"
                           << "nn.ReLU6()";
}

void TestLayerTable::pythonConstructor() {
    QFETCH(QString, type);
    QFETCH(QString, python);
    const LayerType& t = layerType(type.toStdString());
    QCOMPARE(QString::fromStdString(t.pythonConstructor(sampleSpec(t))), python);
}

void TestLayerTable::defaultsArePyTorchs() {
    // torch.nn's signatures: LeakyReLU(negative_slope=0.01), Softplus(beta=1, threshold=20),
    // Linear(..., bias=True).
    QCOMPARE(layerType("LeakyReLU").keyword("negative_slope")->defaultValue, 0.01);
    QCOMPARE(layerType("Softplus").keyword("beta")->defaultValue, 1.0);
    QCOMPARE(layerType("Softplus").keyword("threshold")->defaultValue, 20.0);
    for (const char* name : {"Linear", "Bilinear", "LazyLinear", "NonDynamicallyQuantizableLinear"})
        QCOMPARE(layerType(name).keyword("bias")->defaultValue, 1.0);
    LayerSpec leaky;
    leaky.type = "LeakyReLU";
    QCOMPARE(leaky.option("negative_slope"), 0.01);  // absent: the table's default
    leaky.options["negative_slope"] = 0.2;
    QCOMPARE(leaky.option("negative_slope"), 0.2);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, leaky.option("beta"));
}

void TestLayerTable::defaultSpecFitsTheInputWidth() {
    const LayerSpec linear = layerType("Linear").defaultSpec(7);
    QCOMPARE(linear.in_features, 7);
    QCOMPARE(linear.out_features, 7);
    QVERIFY(linear.bias);
    const LayerSpec bilinear = layerType("Bilinear").defaultSpec(6);
    QCOMPARE(bilinear.in1_features, 6);
    QCOMPARE(bilinear.in2_features, 6);
    QCOMPARE(bilinear.out_features, 6);
    QCOMPARE(layerType("LazyLinear").defaultSpec(6).out_features, 8);
    QCOMPARE(layerType("Linear").defaultSpec(0).in_features, 1);  // never a zero width
}

void TestLayerTable::namesAreUniqueAndGrouped() {
    std::set<std::string> names;
    bool seenActivation = false;
    for (const auto& t : layerTable()) {
        QVERIFY2(names.insert(t.name).second, t.name.c_str());
        // The menu lists the linear family first, then the activations.
        QVERIFY(!seenActivation || t.isActivation);
        seenActivation = seenActivation || t.isActivation;
        // PReLU is the one activation with parameters, and takes no init scheme.
        QVERIFY(!(t.isActivation && t.hasParameters) || t.name == "PReLU");
        QVERIFY(!t.takesInitScheme || (t.hasParameters && !t.isActivation));
    }
    QCOMPARE(layerTypes().front(), std::string("Linear"));
    QCOMPARE(activationTypes().front(), std::string("ReLU"));
    QCOMPARE(layerTypes().size() + activationTypes().size(), layerTable().size());
}

void TestLayerTable::unknownTypeIsRefused() {
    QVERIFY(findLayerType("Conv2d") == nullptr);
    try {
        layerType("Conv2d");
        QFAIL("no exception");
    } catch (const std::invalid_argument& e) {
        QCOMPARE(std::string(e.what()), std::string("unknown layer type 'Conv2d'"));
    }
    LayerSpec spec;
    spec.type = "Conv2d";
    Generator gen(0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeModule<float>(spec, gen));
}

void TestLayerTable::optionsCompareByValue() {
    LayerSpec a, b;
    a.type = b.type = "Softplus";
    b.options["beta"] = 1.0;  // the default, written out
    QVERIFY(a == b);
    b.options["threshold"] = 5.0;
    QVERIFY(a != b);
}

void TestLayerTable::numbersKeepTheirSpelling() {
    // nn.Softplus(beta=2.0) shows beta=2.0, nn.Softplus(beta=2) beta=2; an omitted
    // keyword shows PyTorch's default as its signature spells it.
    LayerSpec s = layerType("Softplus").defaultSpec(3);
    s.setNumber("beta", PythonNumber(2.0, false));
    QCOMPARE(layerType("Softplus").repr(s), std::string("Softplus(beta=2.0, threshold=20)"));
    QCOMPARE(layerType("Softplus").pythonConstructor(s),
             std::string("nn.Softplus(beta=2.0, threshold=20)"));
    LayerSpec integer = s;
    integer.setNumber("beta", PythonNumber(2.0, true));
    QCOMPARE(layerType("Softplus").repr(integer), std::string("Softplus(beta=2, threshold=20)"));
    QVERIFY(integer != s);  // the code and the repr differ
    LayerSpec leaky = layerType("LeakyReLU").defaultSpec(3);
    QCOMPARE(layerType("LeakyReLU").repr(leaky), std::string("LeakyReLU(negative_slope=0.01)"));
    leaky.setNumber("negative_slope", PythonNumber(1.0, true));
    QCOMPARE(layerType("LeakyReLU").pythonConstructor(leaky),
             std::string("nn.LeakyReLU(negative_slope=1)"));
    // An int spelling of a value that is no integer prints as the float it is.
    leaky.setNumber("negative_slope", PythonNumber(0.5, true));
    QCOMPARE(layerType("LeakyReLU").repr(leaky), std::string("LeakyReLU(negative_slope=0.5)"));
}

void TestLayerTable::choicesTakeTheirDefault() {
    const LayerKeyword* approximate = layerType("GELU").keyword("approximate");
    QVERIFY(approximate);
    QCOMPARE(approximate->kind, KeywordKind::Choice);
    QCOMPARE(approximate->choices, (std::vector<std::string>{"none", "tanh"}));
    LayerSpec gelu = layerType("GELU").defaultSpec(3);
    QCOMPARE(gelu.choice("approximate"), std::string("none"));
    LayerSpec tanh = gelu;
    tanh.choices["approximate"] = "tanh";
    QVERIFY(tanh != gelu);
    QCOMPARE(layerType("GELU").repr(tanh), std::string("GELU(approximate='tanh')"));
    QCOMPARE(layerType("GELU").pythonConstructor(tanh), std::string("nn.GELU(approximate='tanh')"));
    gelu.choices["approximate"] = "none";  // the default, written out
    QVERIFY(gelu == layerType("GELU").defaultSpec(3));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gelu.choice("alpha"));
}

QTEST_APPLESS_MAIN(TestLayerTable)
#include "tst_layer_table.moc"
