// The memory budget: its arithmetic, its words (formatBytes, parseByteSize),
// the process-wide limit, and the network's checks of its parameters and
// workspaces, each refusing before anything is allocated.
#include "core/nn/layer_table.h"
#include "core/nn/memory_budget.h"
#include "core/nn/network.h"

#include "tests/core/nn/memory_test_support.h"

#include <QtTest>

#include <unistd.h>
#include <limits>

using namespace linearlab;
using namespace linearlab::test;
using nn::Bytes;
using nn::Index;

Q_DECLARE_METATYPE(nn::Bytes)

namespace {

nn::LayerSpec linear(Index in, Index out) {
    nn::LayerSpec s;
    s.type = "Linear";
    s.in_features = in;
    s.out_features = out;
    return s;
}

nn::LayerSpec bilinear(Index in1, Index in2, Index out) {
    nn::LayerSpec s;
    s.type = "Bilinear";
    s.in1_features = in1;
    s.in2_features = in2;
    s.out_features = out;
    return s;
}

nn::LayerSpec ofType(const char* type, Index out = 0) {
    nn::LayerSpec s;
    s.type = type;
    s.out_features = out;
    return s;
}

/// The NodeError building a float network of `layers` throws, checking that
/// refusing it left the resident memory where it was.
nn::NodeError networkError(Index inputFeatures, const std::vector<nn::LayerSpec>& layers) {
    const std::uint64_t before = residentBytes();
    try {
        nn::Generator gen(0);
        nn::Network<float> network(inputFeatures, layers, nn::InitSpec{}, gen);
    } catch (const nn::NodeError& e) {
        if (residentBytes() > before + kRssSlack)
            qFatal("refusing the network allocated its memory");
        return e;
    }
    qFatal("the network was built");
}

}  // namespace

class TestMemoryBudget : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { nn::resetMemoryLimit(); }

    void arithmeticSaturates() {
        const Bytes max = nn::kTooManyBytes;
        QCOMPARE(nn::mulBytes(6, 7), Bytes(42));
        QCOMPARE(nn::mulBytes(Bytes(1) << 32, Bytes(1) << 32), max);
        QCOMPARE(nn::mulBytes(max, 0), Bytes(0));
        QCOMPARE(nn::addBytes(max - 1, 1), max);
        QCOMPARE(nn::addBytes(max, 1), max);
        QCOMPARE(nn::toBytes(-5), Bytes(0));
        QCOMPARE(nn::toBytes(1'000'000), Bytes(1'000'000));
        const Index big = std::numeric_limits<Index>::max();
        QCOMPARE(nn::saturatingProduct(1'000'000'000'000, 1'000'000'000'000), big);
        QCOMPARE(nn::saturatingProduct(40'000, 40'000), Index(1'600'000'000));
        QCOMPARE(nn::saturatingSum(big, 1), big);
        QCOMPARE(nn::saturatingSum(2, 3), Index(5));
    }

    void formatBytes_data() {
        QTest::addColumn<Bytes>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << Bytes(0) << "0 bytes";
        QTest::newRow("one") << Bytes(1) << "1 byte";
        QTest::newRow("below a KiB") << Bytes(1023) << "1023 bytes";
        QTest::newRow("1 KiB") << Bytes(1024) << "1.0 KiB";
        QTest::newRow("1.5 KiB") << Bytes(1536) << "1.5 KiB";
        QTest::newRow("512 MiB") << (Bytes(512) << 20) << "512 MiB";
        QTest::newRow("6 GiB") << (Bytes(6) << 30) << "6.0 GiB";
        QTest::newRow("80 GiB") << (Bytes(80) << 30) << "80.0 GiB";
        QTest::newRow("Linear(40000, 40000) in SGD") << Bytes(1'600'040'000) * 40 << "59.6 GiB";
        // Rounded first, so the digits and the unit fit the value shown.
        QTest::newRow("99.96 MiB") << Bytes(99.96 * (1 << 20)) << "100 MiB";
        QTest::newRow("1023.96 MiB") << Bytes(1023.96 * (1 << 20)) << "1.0 GiB";
        QTest::newRow("1.4 PiB") << Bytes(1'600'000'001'600'000) << "1.4 PiB";
        QTest::newRow("almost 16 EiB") << nn::kTooManyBytes - 1 << "16.0 EiB";
        QTest::newRow("too many") << nn::kTooManyBytes << "more than 16 EiB";
    }

    void formatBytes() {
        QFETCH(Bytes, bytes);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(nn::formatBytes(bytes)), text);
    }

    void formatBytesBesideShowsTheDifference() {
        // A need just over the limit never reads as the limit itself.
        const Bytes limit = Bytes(1.40 * (1 << 30));
        const Bytes need = Bytes(1.41 * (1 << 30));
        QCOMPARE(nn::formatBytes(need), std::string("1.4 GiB"));
        QCOMPARE(nn::formatBytesBeside(need, limit), std::string("1.41 GiB"));
        QCOMPARE(nn::formatBytesBeside(limit, need), std::string("1.40 GiB"));
        QCOMPARE(nn::formatBytesBeside(Bytes(6) << 30, Bytes(4) << 30), std::string("6.0 GiB"));
        QCOMPARE(nn::formatBytesBeside(5000, 5001), std::string("4.883 KiB"));
        QCOMPARE(nn::formatBytesBeside(1'000'000'000'000, 1'000'000'000'001),
                 std::string("1000000000000 bytes"));
    }

    void parseByteSize_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Bytes>("bytes");  // 0: refused
        QTest::newRow("4G") << "4G" << (Bytes(4) << 30);
        QTest::newRow("512M") << "512M" << (Bytes(512) << 20);
        QTest::newRow("1.5GiB") << "1.5GiB" << Bytes(1'610'612'736);
        QTest::newRow("plain bytes") << "1048576" << Bytes(1'048'576);
        QTest::newRow("spaces and KiB") << "  64 KiB " << Bytes(65'536);
        QTest::newRow("lower case gb") << "2gb" << (Bytes(2) << 30);
        QTest::newRow("k") << "3k" << Bytes(3072);
        QTest::newRow("B") << "10B" << Bytes(10);
        QTest::newRow("T") << "1T" << (Bytes(1) << 40);
        QTest::newRow("15 EiB") << "15E" << (Bytes(15) << 60);
        QTest::newRow("a fraction of a byte") << "1.5" << Bytes(1);
        QTest::newRow("leading dot") << ".5K" << Bytes(512);
        QTest::newRow("empty") << "" << Bytes(0);
        QTest::newRow("words") << "lots" << Bytes(0);
        QTest::newRow("negative") << "-1G" << Bytes(0);
        QTest::newRow("unknown unit") << "4X" << Bytes(0);
        QTest::newRow("unit twice") << "4 G B" << Bytes(0);
        QTest::newRow("zero") << "0" << Bytes(0);
        QTest::newRow("zero G") << "0.0G" << Bytes(0);
        QTest::newRow("exponent") << "1e9" << Bytes(0);
        QTest::newRow("comma") << "1,5G" << Bytes(0);
        QTest::newRow("just a unit") << "G" << Bytes(0);
        QTest::newRow("over 64 bits") << "18446744073709551616" << Bytes(0);
        QTest::newRow("16 EiB") << "16E" << Bytes(0);
    }

    void parseByteSize() {
        QFETCH(QString, text);
        QFETCH(Bytes, bytes);
        const auto parsed = nn::parseByteSize(text.toStdString());
        if (bytes == 0) {
            QVERIFY2(!parsed, qPrintable(text));
        } else {
            QVERIFY2(parsed, qPrintable(text));
            QCOMPARE(*parsed, bytes);
        }
    }

    void theLimitIsHalfThePhysicalMemoryUntilSet() {
        const Bytes physical = Bytes(sysconf(_SC_PHYS_PAGES)) * Bytes(sysconf(_SC_PAGE_SIZE));
        QCOMPARE(nn::physicalMemory(), physical);
        QCOMPARE(nn::defaultMemoryLimit(), physical / 2);
        QCOMPARE(nn::memoryLimit(), physical / 2);
        QVERIFY(!nn::memoryLimitIsSet());
        nn::setMemoryLimit(Bytes(4) << 30);
        QCOMPARE(nn::memoryLimit(), Bytes(4) << 30);
        QVERIFY(nn::memoryLimitIsSet());
        QCOMPARE(nn::memoryLimitClause(Bytes(6) << 30),
                 std::string("; the memory limit is 4.0 GiB"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, nn::setMemoryLimit(0));
        nn::resetMemoryLimit();
        QCOMPARE(nn::memoryLimit(), physical / 2);
    }

    void checkMemorySaysWhatAndWhy() {
        const MemoryLimitGuard limit(kMiB);
        nn::checkMemory(kMiB, "data.samples", "it", false);  // exactly the limit fits
        try {
            nn::checkMemory(3 * kMiB, "data.samples", "10 samples", true, " for something");
            QFAIL("no error");
        } catch (const nn::MemoryLimitError& e) {
            QCOMPARE(e.field(), std::string("data.samples"));
            QCOMPARE(std::string(e.what()), std::string("data.samples: 10 samples need 3.0 MiB for "
                                                        "something; the memory limit is 1.0 MiB"));
        }
        try {
            nn::checkMemory(nn::kTooManyBytes, "", "a layer", false);
            QFAIL("no error");
        } catch (const nn::MemoryLimitError& e) {
            QCOMPARE(e.field(), std::string());
            QCOMPARE(std::string(e.what()),
                     std::string("a layer needs more than 16 EiB; the memory limit is 1.0 MiB"));
        }
    }

    void parameterCountsSaturate() {
        const nn::LayerType& l = nn::layerType("Linear");
        QCOMPARE(l.parameterCount(linear(40'000, 40'000), 40'000), Index(1'600'040'000));
        QCOMPARE(l.parameterCount(linear(1'000'000'000'000, 1'000'000'000'000), 0),
                 std::numeric_limits<Index>::max());
        const nn::LayerType& b = nn::layerType("Bilinear");
        QCOMPARE(b.parameterCount(bilinear(2000, 2000, 1000), 0), Index(4'000'001'000));
        QCOMPARE(b.parameterCount(bilinear(10'000'000, 10'000'000, 10'000'000), 0),
                 std::numeric_limits<Index>::max());
        // Through the weight's rows when out < in2: A_k x2 and its gradient, out * in1 each;
        // otherwise the outer products x1 (outer) x2 and theirs, in1 * in2 each.
        QCOMPARE(b.scratchPerRow(bilinear(8, 20, 3)), Index(48));
        QCOMPARE(b.scratchPerRow(bilinear(8, 2, 3)), Index(32));
        QCOMPARE(l.scratchPerRow(linear(8, 20)), Index(0));
        QCOMPARE(nn::layerType("LazyLinear").parameterCount(ofType("LazyLinear", 40), 100'000'000),
                 Index(4'000'000'040));
    }

    void nodeCountsAndRowValues() {
        // The CLI fixture's network: Linear, ReLU, LazyLinear, a Bilinear reading the input.
        nn::LayerSpec skip = bilinear(8, 20, 3);
        skip.input2 = nn::SecondInput::input();
        const std::vector<nn::LayerSpec> layers{linear(20, 40), ofType("ReLU"),
                                                ofType("LazyLinear", 8), skip};
        QCOMPARE(nn::nodeParameterCounts(20, layers), (std::vector<Index>{840, 0, 328, 483}));
        QCOMPARE(nn::parameterBytes(20, layers, 40), Bytes(1651 * 40));
        const nn::RowValues v = nn::workspaceValuesPerRow(20, layers);
        // Outputs 40 + 40 + 8 + 3, and the Bilinear's A_k x2 rows (3 * 8) twice.
        QCOMPARE(v.forward, Index(139));
        // Plus each node's input gradients (20, 40, 40, 8 + 20) and the input's own,
        // which the skip reads a second time.
        QCOMPARE(v.training, Index(287));
        QCOMPARE(nn::nodeLabel(layers[0], 20), std::string("Linear(20, 40)"));
        QCOMPARE(nn::nodeLabel(layers[2], 40), std::string("LazyLinear(8) on 40 input features"));
        QCOMPARE(nn::nodeLabel(layers[3], 8), std::string("Bilinear(8, 20, 3)"));
        QCOMPARE(nn::nodeLabel(layers[1], 40), std::string("ReLU()"));
    }

    void linear40000IsRefusedOnItsNode() {
        const MemoryLimitGuard limit(4 * kGiB);
        const nn::NodeError e = networkError(40'000, {linear(40'000, 40'000)});
        QCOMPARE(e.node(), Index(0));
        QCOMPARE(std::string(e.what()),
                 std::string("Linear(40000, 40000) needs 11.9 GiB for weights "
                             "and gradients; the memory limit is 4.0 GiB"));
    }

    void aBilinearTooBigIsRefused() {
        const MemoryLimitGuard limit(4 * kGiB);
        const nn::NodeError e = networkError(2000, {ofType("Tanh"), bilinear(2000, 2000, 1000)});
        QCOMPARE(e.node(), Index(1));
        // (1000 * 2000 * 2000 + 1000) values and as many gradients, four bytes each.
        QCOMPARE(std::string(e.what()), std::string("Bilinear(2000, 2000, 1000) needs 29.8 GiB for "
                                                    "weights and gradients; the memory limit is "
                                                    "4.0 GiB"));
    }

    void aLazyLinearIsCountedWithTheWidthItWillRead() {
        const MemoryLimitGuard limit(4 * kGiB);
        const nn::NodeError e =
            networkError(100'000'000, {ofType("ReLU"), ofType("LazyLinear", 40)});
        QCOMPARE(e.node(), Index(1));
        QCOMPARE(std::string(e.what()),
                 std::string("LazyLinear(40) on 100000000 input features needs "
                             "29.8 GiB for weights and gradients; the memory "
                             "limit is 4.0 GiB"));
    }

    void aSizeThatOverflowsIsRefusedInWords() {
        const MemoryLimitGuard limit(4 * kGiB);
        const nn::NodeError e =
            networkError(1'000'000'000'000, {linear(1'000'000'000'000, 1'000'000'000'000)});
        QCOMPARE(std::string(e.what()),
                 std::string("Linear(1000000000000, 1000000000000) needs more than 16 EiB for "
                             "weights and gradients; the memory limit is 4.0 GiB"));
        const nn::NodeError wide = networkError(1'000'000'000'000, {linear(1'000'000'000'000, 40)});
        QCOMPARE(std::string(wide.what()),
                 std::string("Linear(1000000000000, 40) needs 291 TiB for weights and gradients; "
                             "the memory limit is 4.0 GiB"));
    }

    void theLimitCountsTheLayersTogether() {
        // Each Linear(1024, 1024) holds 4.0 MiB of values and as much of gradients:
        // the eighth brings the network just over 64 MiB.
        const MemoryLimitGuard limit(64 * kMiB);
        const nn::NodeError e =
            networkError(1024, std::vector<nn::LayerSpec>(9, linear(1024, 1024)));
        QCOMPARE(e.node(), Index(7));
        QCOMPARE(std::string(e.what()),
                 std::string("Linear(1024, 1024) needs 8.0 MiB for weights and gradients, "
                             "64.1 MiB with the layers before it; the memory limit is 64.0 MiB"));
    }

    void aBatchTooBigForItsOutputsIsRefused() {
        nn::Generator gen(0);
        nn::Network<float> network(20, {linear(20, 1000)}, nn::InitSpec{}, gen);
        const nn::Matrix<float> small = nn::Matrix<float>::Ones(4, 20);
        network.forward(small);
        const MemoryLimitGuard limit(kMiB);
        const nn::Matrix<float> x = nn::Matrix<float>::Ones(1000, 20);
        try {
            network.forward(x);
            QFAIL("no error");
        } catch (const nn::MemoryLimitError& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("a batch of 1000 rows needs 3.8 MiB for layer "
                                 "outputs; the memory limit is 1.0 MiB"));
        }
        // The network still runs the sizes it has room for.
        QCOMPARE(network.forward(small).rows(), Index(4));
    }
};

QTEST_APPLESS_MAIN(TestMemoryBudget)
#include "tst_memory_budget.moc"
