// validation_split: file order at 0, torch.utils.data.random_split's subsets
// under a seed, disjoint and complete, and bad fractions named.
#include "core/data/dataset_split.h"
#include "core/data/randperm.h"
#include "data_test_support.h"

#include <QtTest>

#include <algorithm>
#include <limits>

using namespace linearlab::data;
using namespace datatest;

namespace {

Dataset<double> numbered(Index n) {
    Dataset<double> d;
    d.x.resize(n, 3);
    d.y.resize(n, 1);
    for (Index i = 0; i < n; ++i) {
        d.x.row(i) << i, 10 * i, 100 * i;
        d.y(i, 0) = static_cast<double>(i % 2);
    }
    d.classification = true;
    d.numClasses = 2;
    d.classNames = {"even", "odd"};
    d.name = "numbered";
    return d;
}

std::vector<Index> ints(const NpyArray& a) {
    std::vector<Index> v;
    for (Index i = 0; i < a.numel(); ++i)
        v.push_back(static_cast<Index>(a.intAt(i)));
    return v;
}

}  // namespace

class TestDatasetSplit : public QObject {
    Q_OBJECT

private slots:
    void randpermMatchesPyTorch();
    void zeroKeepsFileOrder();
    void matchesRandomSplit_data();
    void matchesRandomSplit();
    void disjointAndComplete();
    void rowsFollowIndices();
    void deterministicBySeed();
    void badFraction_data();
    void badFraction();
};

void TestDatasetSplit::randpermMatchesPyTorch() {
    linearlab::nn::Generator g0(0);
    QCOMPARE(randperm(10, g0), ints(fixtureArray("randperm_10_seed0.npy")));
    linearlab::nn::Generator g123(123);
    QCOMPARE(randperm(1000, g123), ints(fixtureArray("randperm_1000_seed123.npy")));
}

void TestDatasetSplit::zeroKeepsFileOrder() {
    const Dataset<double> d = numbered(6);
    const DatasetSplit<double> s = splitDataset(d, 0.0, 99);
    QVERIFY(!s.hasValidation());
    QCOMPARE(s.validation.size(), Index{0});
    QCOMPARE(s.validation.features(), Index{3});
    QCOMPARE(s.train.x, d.x);
    QCOMPARE(s.train.y, d.y);
    QCOMPARE(s.trainIndices, (std::vector<Index>{0, 1, 2, 3, 4, 5}));
    QCOMPARE(s.train.classNames, d.classNames);
}

void TestDatasetSplit::matchesRandomSplit_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("fraction");
    QTest::addColumn<int>("seed");
    QTest::newRow("10, 0.3, seed 0") << 10 << 0.3 << 0;
    QTest::newRow("11, 0.25, seed 5") << 11 << 0.25 << 5;
}

void TestDatasetSplit::matchesRandomSplit() {
    QFETCH(int, n);
    QFETCH(double, fraction);
    QFETCH(int, seed);
    const DatasetSplit<double> s = splitDataset(numbered(n), fraction, static_cast<uint64_t>(seed));
    const QString prefix = QStringLiteral("split_%1_").arg(n);
    QCOMPARE(s.trainIndices, ints(fixtureArray(prefix + "train.npy")));
    QCOMPARE(s.validationIndices, ints(fixtureArray(prefix + "val.npy")));
}

void TestDatasetSplit::disjointAndComplete() {
    for (double fraction : {0.01, 0.2, 0.5, 0.99}) {
        const DatasetSplit<double> s = splitDataset(numbered(37), fraction, 3);
        std::vector<Index> all = s.trainIndices;
        all.insert(all.end(), s.validationIndices.begin(), s.validationIndices.end());
        std::sort(all.begin(), all.end());
        QCOMPARE(all.size(), size_t{37});
        for (Index i = 0; i < 37; ++i)
            QCOMPARE(all[static_cast<size_t>(i)], i);
        QCOMPARE(s.validation.size(), static_cast<Index>(std::floor(37 * fraction)));
        QVERIFY(s.train.size() >= 1);
    }
}

void TestDatasetSplit::rowsFollowIndices() {
    const Dataset<double> d = numbered(20);
    const DatasetSplit<double> s = splitDataset(d, 0.2, 8);
    QVERIFY(s.hasValidation());
    for (size_t i = 0; i < s.validationIndices.size(); ++i) {
        const Index src = s.validationIndices[i];
        QCOMPARE(s.validation.x.row(static_cast<Index>(i)), d.x.row(src));
        QCOMPARE(s.validation.y(static_cast<Index>(i), 0), d.y(src, 0));
    }
    QVERIFY(s.validation.classification);
    QCOMPARE(s.validation.classNames, d.classNames);
}

void TestDatasetSplit::deterministicBySeed() {
    const Dataset<double> d = numbered(50);
    QCOMPARE(splitDataset(d, 0.2, 1).validationIndices, splitDataset(d, 0.2, 1).validationIndices);
    QVERIFY(splitDataset(d, 0.2, 1).validationIndices != splitDataset(d, 0.2, 2).validationIndices);
}

void TestDatasetSplit::badFraction_data() {
    QTest::addColumn<double>("fraction");
    QTest::newRow("negative") << -0.1;
    QTest::newRow("one") << 1.0;
    QTest::newRow("above one") << 1.5;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN();
}

void TestDatasetSplit::badFraction() {
    QFETCH(double, fraction);
    const Dataset<double> d = numbered(5);
    DATA_VERIFY_CONTAINS(messageOf<std::invalid_argument>([&] { splitDataset(d, fraction, 0); }),
                         "validation_split must be in [0, 1), got ");
}

QTEST_APPLESS_MAIN(TestDatasetSplit)
#include "tst_dataset_split.moc"
