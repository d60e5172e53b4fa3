// DataLoader: PyTorch's batch counts and order under a seed, every sample once
// per epoch, setBatchSize between steps, and no heap allocation per batch once
// the first epoch has run (counted by replacing operator new and malloc, which
// Eigen uses).
#include "core/data/data_loader.h"
#include "data_test_support.h"

#include <QtTest>

#include "../nn/allocation_counter.h"

#include <algorithm>

#if defined(__SANITIZE_ADDRESS__)
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*,
                                                                             std::size_t),
                                                         void (*free_hook)(const volatile void*));
#endif

using namespace linearlab::data;
using linearlab::nn::Matrix;
using namespace datatest;

namespace {

// n samples whose x row is (i, -i) and y is i, so a batch tells which samples it holds.
Dataset<float> numbered(Index n) {
    Dataset<float> d;
    d.x.resize(n, 2);
    d.y.resize(n, 1);
    for (Index i = 0; i < n; ++i) {
        d.x(i, 0) = static_cast<float>(i);
        d.x(i, 1) = static_cast<float>(-i);
        d.y(i, 0) = static_cast<float>(i);
    }
    return d;
}

// The sample ids of one epoch, in batch order, with the batch sizes.
std::vector<Index> epochOrder(DataLoader<float>& loader, std::vector<Index>* sizes = nullptr) {
    std::vector<Index> ids;
    Matrix<float> x, y;
    while (loader.next(x, y)) {
        if (sizes)
            sizes->push_back(x.rows());
        for (Index r = 0; r < x.rows(); ++r) {
            ids.push_back(static_cast<Index>(y(r, 0)));
            if (x(r, 0) != y(r, 0) || x(r, 1) != -y(r, 0))
                qWarning("row %lld of a batch mixes samples", static_cast<long long>(r));
        }
    }
    return ids;
}

}  // namespace

class TestDataLoader : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void batchCounts_data();
    void batchCounts();
    void fileOrderWithoutShuffle();
    void everySampleOncePerEpoch();
    void shuffleDeterministicBySeed();
    void shuffleMatchesPyTorch_data();
    void shuffleMatchesPyTorch();
    void endOfEpochAndReset();
    void setBatchSizeBetweenSteps();
    void invalidBatchSize();
    void noAllocationAfterFirstEpoch_data();
    void noAllocationAfterFirstEpoch();
};

void TestDataLoader::initTestCase() {
#if defined(__SANITIZE_ADDRESS__)
    // ASan owns malloc, so allocations are seen through its hooks; it installs a
    // pair only when both hooks are non-null.
    QCOMPARE(__sanitizer_install_malloc_and_free_hooks(
                 [](const volatile void*, std::size_t) { linearlab::test::noteAllocation(); },
                 [](const volatile void*) {}),
             1);
#endif
}

void TestDataLoader::batchCounts_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<bool>("dropLast");
    QTest::addColumn<std::vector<Index>>("sizes");
    QTest::newRow("10/3") << 10 << 3 << false << std::vector<Index>{3, 3, 3, 1};
    QTest::newRow("10/3 drop_last") << 10 << 3 << true << std::vector<Index>{3, 3, 3};
    QTest::newRow("9/3") << 9 << 3 << false << std::vector<Index>{3, 3, 3};
    QTest::newRow("9/3 drop_last") << 9 << 3 << true << std::vector<Index>{3, 3, 3};
    QTest::newRow("2/5") << 2 << 5 << false << std::vector<Index>{2};
    QTest::newRow("2/5 drop_last") << 2 << 5 << true << std::vector<Index>{};
    QTest::newRow("5/1") << 5 << 1 << false << std::vector<Index>{1, 1, 1, 1, 1};
}

void TestDataLoader::batchCounts() {
    QFETCH(int, n);
    QFETCH(int, batchSize);
    QFETCH(bool, dropLast);
    QFETCH(std::vector<Index>, sizes);
    const Dataset<float> d = numbered(n);
    for (bool shuffle : {false, true}) {
        DataLoader<float> loader(d, {batchSize, shuffle, dropLast, 3});
        QCOMPARE(loader.numBatches(), static_cast<Index>(sizes.size()));
        std::vector<Index> got;
        epochOrder(loader, &got);
        QCOMPARE(got, sizes);
        QCOMPARE(loader.batchIndex(), static_cast<Index>(sizes.size()));
    }
}

void TestDataLoader::fileOrderWithoutShuffle() {
    const Dataset<float> d = numbered(7);
    DataLoader<float> loader(d, {3, false, false, 0});
    for (int epoch = 0; epoch < 2; ++epoch) {
        QCOMPARE(epochOrder(loader), (std::vector<Index>{0, 1, 2, 3, 4, 5, 6}));
        loader.resetEpoch();
    }
}

void TestDataLoader::everySampleOncePerEpoch() {
    const Dataset<float> d = numbered(53);
    DataLoader<float> loader(d, {8, true, false, 11});
    std::vector<Index> previous;
    for (int epoch = 0; epoch < 4; ++epoch) {
        std::vector<Index> ids = epochOrder(loader);
        QCOMPARE(ids.size(), size_t{53});
        QVERIFY(ids != previous);  // reshuffled every epoch
        previous = ids;
        std::sort(ids.begin(), ids.end());
        for (Index i = 0; i < 53; ++i)
            QCOMPARE(ids[static_cast<size_t>(i)], i);
        loader.resetEpoch();
    }
    // drop_last leaves out the tail of the permutation, never repeats a sample.
    DataLoader<float> dropping(d, {8, true, true, 11});
    std::vector<Index> ids = epochOrder(dropping);
    QCOMPARE(ids.size(), size_t{48});
    std::sort(ids.begin(), ids.end());
    QVERIFY(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
}

void TestDataLoader::shuffleDeterministicBySeed() {
    const Dataset<float> d = numbered(40);
    DataLoader<float> a(d, {5, true, false, 1234});
    DataLoader<float> b(d, {5, true, false, 1234});
    DataLoader<float> c(d, {5, true, false, 1235});
    for (int epoch = 0; epoch < 3; ++epoch) {
        const std::vector<Index> ea = epochOrder(a);
        QCOMPARE(epochOrder(b), ea);
        QVERIFY(epochOrder(c) != ea);
        a.resetEpoch();
        b.resetEpoch();
        c.resetEpoch();
    }
}

void TestDataLoader::shuffleMatchesPyTorch_data() {
    QTest::addColumn<bool>("dropLast");
    QTest::addColumn<QString>("fixture");
    QTest::newRow("drop_last False") << false << "loader_orders_seed7.npy";
    QTest::newRow("drop_last True") << true << "loader_orders_drop_last_seed7.npy";
}

void TestDataLoader::shuffleMatchesPyTorch() {
    // DataLoader(range(10), batch_size=3, shuffle=True, drop_last=..., generator=manual_seed(7)),
    // three epochs.
    QFETCH(bool, dropLast);
    QFETCH(QString, fixture);
    const NpyArray expected = fixtureArray(fixture);
    QCOMPARE(expected.shape.size(), size_t{2});
    QCOMPARE(expected.shape[0], Index{3});
    const Index perEpoch = expected.shape[1];
    const Dataset<float> d = numbered(10);
    DataLoader<float> loader(d, {3, true, dropLast, 7});
    for (Index epoch = 0; epoch < 3; ++epoch) {
        const std::vector<Index> got = epochOrder(loader);
        QCOMPARE(static_cast<Index>(got.size()), perEpoch);
        for (Index i = 0; i < perEpoch; ++i)
            QCOMPARE(got[static_cast<size_t>(i)],
                     static_cast<Index>(expected.intAt(epoch * perEpoch + i)));
        loader.resetEpoch();
    }
}

void TestDataLoader::endOfEpochAndReset() {
    const Dataset<float> d = numbered(4);
    DataLoader<float> loader(d, {3, false, false, 0});
    Matrix<float> x, y;
    QCOMPARE(loader.epoch(), Index{0});
    QVERIFY(loader.next(x, y));
    QVERIFY(loader.next(x, y));
    QCOMPARE(x.rows(), Index{1});
    QVERIFY(!loader.next(x, y));
    QVERIFY(!loader.next(x, y));   // stays at the end until reset
    QCOMPARE(x.rows(), Index{1});  // and leaves the last batch alone
    QCOMPARE(loader.remaining(), Index{0});
    loader.resetEpoch();
    QCOMPARE(loader.epoch(), Index{1});
    QCOMPARE(loader.remaining(), Index{4});
    QVERIFY(loader.next(x, y));
    QCOMPARE(y(0, 0), 0.0f);
}

void TestDataLoader::setBatchSizeBetweenSteps() {
    const Dataset<float> d = numbered(10);
    DataLoader<float> loader(d, {4, false, false, 0});
    Matrix<float> x, y;
    QVERIFY(loader.next(x, y));
    QCOMPARE(x.rows(), Index{4});
    loader.setBatchSize(5);
    QCOMPARE(loader.numBatches(), Index{2});
    QVERIFY(loader.next(x, y));
    QCOMPARE(x.rows(), Index{5});
    QCOMPARE(y(0, 0), 4.0f);  // the epoch goes on where it was
    QVERIFY(loader.next(x, y));
    QCOMPARE(x.rows(), Index{1});
    QCOMPARE(y(0, 0), 9.0f);
    QVERIFY(!loader.next(x, y));
}

void TestDataLoader::invalidBatchSize() {
    const Dataset<float> d = numbered(3);
    DATA_VERIFY_CONTAINS(messageOf<std::invalid_argument>([&] {
                             DataLoader<float>(d, {0, false, false, 0});
                         }),
                         "batch_size should be a positive integer value, but got batch_size=0");
    DataLoader<float> loader(d, {1, false, false, 0});
    DATA_VERIFY_CONTAINS(messageOf<std::invalid_argument>([&] { loader.setBatchSize(-2); }),
                         "batch_size=-2");
    QCOMPARE(loader.batchSize(), Index{1});
}

void TestDataLoader::noAllocationAfterFirstEpoch_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<bool>("shuffle");
    QTest::addColumn<bool>("dropLast");
    QTest::newRow("even batches") << 64 << false << false;
    QTest::newRow("short last batch") << 70 << false << false;
    QTest::newRow("short last batch, shuffled") << 70 << true << false;
    QTest::newRow("drop_last, shuffled") << 70 << true << true;
}

void TestDataLoader::noAllocationAfterFirstEpoch() {
    QFETCH(int, n);
    QFETCH(bool, shuffle);
    QFETCH(bool, dropLast);
    const Dataset<float> d = numbered(n);
    DataLoader<float> loader(d, {16, shuffle, dropLast, 5});
    Matrix<float> x, y;
    long batches = 0;
    while (loader.next(x, y))
        ++batches;
    loader.resetEpoch();
    QVERIFY(batches > 0);

    linearlab::test::AllocationCounter counter;
    long later = 0;
    float checksum = 0;
    for (int epoch = 0; epoch < 5; ++epoch) {
        while (loader.next(x, y)) {
            checksum += y.sum();
            ++later;
        }
        loader.resetEpoch();
    }
    const long allocations = counter.stop();
    QCOMPARE(allocations, 0L);
    QCOMPARE(later, 5 * batches);
    QVERIFY(checksum > 0);
    // The counter sees Eigen's allocations: a fresh matrix, used afterwards so it
    // cannot be optimised away, does count.
    linearlab::test::AllocationCounter probe;
    Matrix<float> fresh = Matrix<float>::Constant(static_cast<Index>(batches), 3, checksum);
    const long probed = probe.stop();
    QCOMPARE(fresh(0, 0), checksum);
    QVERIFY(probed > 0);
}

QTEST_APPLESS_MAIN(TestDataLoader)
#include "tst_data_loader.moc"
