// What a dataset costs before it exists, and the datasets refused for it: the
// generated ones before a sample is drawn, CSV text before a cell is parsed,
// arrays before the dataset's matrices are allocated.
#include "core/data/csv_reader.h"
#include "core/data/dataset_memory.h"
#include "core/data/npy.h"
#include "core/data/synthetic_datasets.h"

#include "tests/core/nn/memory_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <functional>

using namespace linearlab;
using namespace linearlab::data;
using namespace linearlab::test;
using nn::Bytes;

namespace {

SyntheticOptions options(const std::string& name) {
    SyntheticOptions o;
    o.dataset = name;
    return o;
}

/// The MemoryLimitError `make` throws, after checking that refusing it left the
/// resident memory where it was.
nn::MemoryLimitError refusal(const std::function<void()>& make) {
    const std::uint64_t before = residentBytes();
    try {
        make();
    } catch (const nn::MemoryLimitError& e) {
        if (residentBytes() > before + kRssSlack)
            qFatal("refusing the data allocated its memory");
        return e;
    }
    qFatal("the data was made");
}

std::string csvText(int rows) {
    std::string text = "a,b,y\n";
    for (int r = 0; r < rows; ++r)
        text += "1,2,3\n";
    return text;
}

}  // namespace

class TestDatasetMemory : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { nn::resetMemoryLimit(); }

    void shapesFromTheOptions() {
        const DatasetShape teacher = syntheticShape(options("teacher"));
        QCOMPARE(teacher.samples, Index(1024));
        QCOMPARE(teacher.features, Index(20));
        QCOMPARE(teacher.targets, Index(40));
        QCOMPARE(teacher.classes, Index(0));
        QVERIFY(!teacher.classification);
        const DatasetShape blobs = syntheticShape(options("blobs"));
        QCOMPARE(blobs.features, Index(2));
        QCOMPARE(blobs.targets, Index(1));
        QCOMPARE(blobs.classes, Index(3));
        QVERIFY(blobs.classification);
        // The shape is the generated dataset's.
        const Dataset<float> made = makeSyntheticDataset<float>(options("blobs"));
        const DatasetShape real = shapeOf(made);
        QCOMPARE(real.samples, blobs.samples);
        QCOMPARE(real.features, blobs.features);
        QCOMPARE(real.targets, blobs.targets);
        QCOMPARE(real.classes, blobs.classes);
    }

    void bytesOfADataset() {
        const DatasetShape teacher = syntheticShape(options("teacher"));
        // 1024 x (20 + 40) floats.
        QCOMPARE(datasetBytes(teacher, 4), Bytes(245'760));
        // Twice that (the dataset and its split), and three index orders of 1024.
        QCOMPARE(datasetTrainingBytes(teacher, 4), Bytes(2 * 245'760 + 3 * 8 * 1024));
        const DatasetShape blobs = syntheticShape(options("blobs"));
        const Bytes name = sizeof(std::string);
        QCOMPARE(datasetBytes(blobs, 4), Bytes(1024 * 3 * 4 + 3 * name));
        // The split's two parts keep the class names each.
        QCOMPARE(datasetTrainingBytes(blobs, 4),
                 Bytes(2 * (1024 * 3 * 4 + 3 * name) + 3 * name + 3 * 8 * 1024));
        QCOMPARE(describeSamples(teacher),
                 std::string("1024 samples of 20 features and 40 targets"));
        QCOMPARE(describeSamples(blobs), std::string("1024 samples of 2 features"));
        QCOMPARE(describeSamples({1, 1, 1, 0, false}),
                 std::string("1 sample of 1 feature and 1 target"));
    }

    void generatingCountsItsDrafts() {
        // teacher: x, y and y's noise (20 + 40 + 40 floats a sample), and the
        // teacher's 840 values with their gradients.
        const SyntheticMemory teacher = syntheticMemory(options("teacher"), 4);
        QCOMPARE(teacher.total, Bytes(1024 * 400 + 840 * 8));
        QCOMPARE(teacher.oneSample, Bytes(400 + 840 * 8));
        QCOMPARE(teacher.classNames, Bytes(0));
        // blobs: drawn in double (x, y, the noise on x: 5 values), rounded to float
        // (3 values), the class names in both.
        const SyntheticMemory blobs = syntheticMemory(options("blobs"), 4);
        const Bytes names = 2 * 3 * sizeof(std::string);
        QCOMPARE(blobs.classNames, names);
        QCOMPARE(blobs.total, Bytes(1024 * (5 * 8 + 3 * 4)) + names);
        // In double there is no rounded copy.
        QCOMPARE(syntheticMemory(options("blobs"), 8).total,
                 Bytes(1024 * 5 * 8) + 3 * sizeof(std::string));
        // Without noise, nothing is drawn for it.
        SyntheticOptions quiet = options("sine");
        quiet.noise = 0.0;
        QCOMPARE(syntheticMemory(quiet, 4).total, Bytes(1024 * (2 * 8 + 2 * 4)));
    }

    void blobsWithABillionClassesIsRefused() {
        const MemoryLimitGuard limit(4 * kGiB);
        SyntheticOptions o = options("blobs");
        o.classes = 1'000'000'000;
        const nn::MemoryLimitError e = refusal([&] { makeSyntheticDataset<float>(o); });
        QCOMPARE(e.field(), std::string("data.classes"));
        QCOMPARE(std::string(e.what()),
                 std::string("data.classes: blobs with 1000000000 classes needs "
                             "59.6 GiB for class names; the memory limit is "
                             "4.0 GiB"));
    }

    void twoToTheThirtySamplesAreRefused() {
        const MemoryLimitGuard limit(4 * kGiB);
        SyntheticOptions o = options("teacher");
        o.samples = Index(1) << 30;
        nn::MemoryLimitError e = refusal([&] { makeSyntheticDataset<float>(o); });
        QCOMPARE(e.field(), std::string("data.samples"));
        QCOMPARE(std::string(e.what()),
                 std::string("data.samples: 1073741824 samples of 20 features and 40 targets need "
                             "400 GiB; the memory limit is 4.0 GiB"));
        o = options("blobs");
        o.samples = Index(1) << 30;
        e = refusal([&] { makeSyntheticDataset<float>(o); });
        QCOMPARE(std::string(e.what()),
                 std::string("data.samples: 1073741824 samples of 2 features "
                             "need 52.0 GiB; the memory limit is 4.0 GiB"));
    }

    void aTeacherTooWideForOneSampleNamesItsWidth() {
        const MemoryLimitGuard limit(4 * kGiB);
        SyntheticOptions o = options("teacher");
        o.in_features = 1'000'000'000'000;
        nn::MemoryLimitError e = refusal([&] { makeSyntheticDataset<float>(o); });
        QCOMPARE(e.field(), std::string("data.in_features"));
        QCOMPARE(std::string(e.what()),
                 std::string("data.in_features: 1024 samples of 1000000000000 features and 40 "
                             "targets need 3.9 PiB; the memory limit is 4.0 GiB"));
        o = options("teacher");
        o.out_features = 10'000'000'000;
        e = refusal([&] { makeSyntheticDataset<float>(o); });
        QCOMPARE(e.field(), std::string("data.out_features"));
        QCOMPARE(std::string(e.what()),
                 std::string("data.out_features: 1024 samples of 20 features and 10000000000 "
                             "targets need 76.0 TiB; the memory limit is 4.0 GiB"));
    }

    void csvIsCheckedBeforeItIsParsed() {
        const std::string text = csvText(1000);
        QCOMPARE(text.size(), size_t(6006));
        {
            // 6006 bytes of text and 1000 x 3 doubles.
            const MemoryLimitGuard limit(16 * kKiB);
            const nn::MemoryLimitError e = refusal([&] { CsvReader().parse(text, "data.csv"); });
            QCOMPARE(std::string(e.what()), std::string("data.csv: 1000 rows of 3 columns need "
                                                        "29.3 KiB once parsed; the memory limit is "
                                                        "16.0 KiB"));
        }
        const MemoryLimitGuard limit(32 * kKiB);
        QCOMPARE(CsvReader().parse(text, "data.csv").dataset.size(), Index(1000));
    }

    void aCsvFileIsCheckedBeforeItIsRead() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("data.csv")).toStdString();
        std::ofstream(path) << csvText(1000);
        const MemoryLimitGuard limit(4 * kKiB);
        const nn::MemoryLimitError e = refusal([&] { CsvReader().read(path); });
        QCOMPARE(std::string(e.what()),
                 std::string("data.csv needs 5.9 KiB to read; the memory limit is 4.0 KiB"));
    }

    void arraysAreCheckedBeforeTheDatasetIsAllocated() {
        const NpyArray x = NpyArray::fromDoubles("<f4", {1000, 20}, std::vector<double>(20'000, 1));
        const NpyArray y = NpyArray::fromDoubles("<f4", {1000}, std::vector<double>(1000, 2));
        const NpyArray labels = NpyArray::fromInt64({1000}, std::vector<int64_t>(1000, 1));
        const MemoryLimitGuard limit(64 * kKiB);
        nn::MemoryLimitError e = refusal([&] { datasetFromArrays<float>(x, y); });
        QCOMPARE(std::string(e.what()), std::string("1000 samples of 20 features and 1 target need "
                                                    "82.0 KiB; the memory limit is 64.0 KiB"));
        e = refusal([&] { datasetFromArrays<float>(x, labels); });
        QCOMPARE(std::string(e.what()),
                 std::string("1000 samples of 20 features need 82.0 KiB; the "
                             "memory limit is 64.0 KiB"));
    }
};

QTEST_APPLESS_MAIN(TestDatasetMemory)
#include "tst_dataset_memory.moc"
