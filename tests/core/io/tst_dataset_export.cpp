// The dataset export: x_train, y_train, x_val, y_val as the trainer holds them.
// The order is random_split's (tests/fixtures/data/split_11_*.npy, made by
// make_data_fixtures.py), the samples are the trainer's own, the dtype is the
// dataset's, and a bad name or a size over the memory limit writes nothing.
#include "core/data/npy.h"
#include "core/io/dataset_export.h"
#include "core/io/dataset_file.h"
#include "core/nn/memory_budget.h"
#include "core/train/trainer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <map>

using namespace linearlab;

namespace {

using Arrays = std::map<std::string, data::NpyArray>;

Arrays byName(const std::vector<std::pair<std::string, data::NpyArray>>& list) {
    Arrays out;
    for (const auto& [name, array] : list)
        out[name] = array;
    return out;
}

std::vector<std::string> names(const std::vector<std::pair<std::string, data::NpyArray>>& list) {
    std::vector<std::string> out;
    for (const auto& entry : list)
        out.push_back(entry.first);
    return out;
}

std::vector<int64_t> fixtureIndices(const char* name) {
    QFile f(QString(LINEARLAB_FIXTURES_DIR "/data/") + name);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error(std::string("cannot open ") + name);
    const QByteArray bytes = f.readAll();
    const data::NpyArray a = data::parseNpy(std::string(bytes.constData(), bytes.size()));
    std::vector<int64_t> out;
    for (nn::Index i = 0; i < a.numel(); ++i)
        out.push_back(a.intAt(i));
    return out;
}

/// Sample i is x = (i, 100 + i), y = i / 2 (regression) or i % 3 (classes).
template <typename T>
data::Dataset<T> numbered(nn::Index n, bool classification) {
    data::Dataset<T> d;
    d.x.resize(n, 2);
    d.y.resize(n, 1);
    for (nn::Index i = 0; i < n; ++i) {
        d.x(i, 0) = static_cast<T>(i);
        d.x(i, 1) = static_cast<T>(100 + i);
        d.y(i, 0) = classification ? static_cast<T>(i % 3) : static_cast<T>(i) / 2;
    }
    d.classification = classification;
    d.numClasses = classification ? 3 : 0;
    return d;
}

/// The matrix's bytes equal the array's: same shape, same values bit for bit.
template <typename T>
bool sameBytes(const nn::Matrix<T>& m, const data::NpyArray& a) {
    return a.shape == std::vector<nn::Index>{m.rows(), m.cols()} &&
           a.data.size() == static_cast<size_t>(m.size()) * sizeof(T) &&
           (m.size() == 0 || std::memcmp(a.data.data(), m.data(), a.data.size()) == 0);
}

}  // namespace

class TestDatasetExport : public QObject {
    Q_OBJECT

private slots:
    void theSplitIsRandomSplitsInItsOrder() {
        // random_split(range(11), [0.75, 0.25], generator=manual_seed(5)).
        train::DataSpec spec;
        spec.validation_split = 0.25;
        spec.synthetic.seed = 5;
        const auto list = io::splitArrays(numbered<float>(11, false), spec);
        QCOMPARE(names(list), (std::vector<std::string>{"x_train", "y_train", "x_val", "y_val"}));
        Arrays a = byName(list);
        const std::vector<int64_t> train = fixtureIndices("split_11_train.npy");
        const std::vector<int64_t> val = fixtureIndices("split_11_val.npy");
        QCOMPARE(train.size() + val.size(), size_t{11});
        const auto n = static_cast<nn::Index>(train.size());
        const auto m = static_cast<nn::Index>(val.size());
        QCOMPARE(a["x_train"].shape, (std::vector<nn::Index>{n, 2}));
        QCOMPARE(a["y_train"].shape, (std::vector<nn::Index>{n, 1}));
        QCOMPARE(a["x_val"].shape, (std::vector<nn::Index>{m, 2}));
        QCOMPARE(a["y_val"].shape, (std::vector<nn::Index>{m, 1}));
        for (const char* key : {"x_train", "y_train", "x_val", "y_val"})
            QCOMPARE(a[key].dtype, std::string("<f4"));
        for (nn::Index r = 0; r < n; ++r) {
            const auto i = static_cast<double>(train[static_cast<size_t>(r)]);
            QCOMPARE(a["x_train"].valueAt(2 * r), i);
            QCOMPARE(a["x_train"].valueAt(2 * r + 1), 100 + i);
            QCOMPARE(a["y_train"].valueAt(r), i / 2);
        }
        for (nn::Index r = 0; r < m; ++r) {
            const auto i = static_cast<double>(val[static_cast<size_t>(r)]);
            QCOMPARE(a["x_val"].valueAt(2 * r), i);
            QCOMPARE(a["y_val"].valueAt(r), i / 2);
        }
    }

    void noValidationKeepsTheFileOrder() {
        train::DataSpec spec;
        spec.validation_split = 0.0;
        Arrays a = byName(io::splitArrays(numbered<float>(5, false), spec));
        QCOMPARE(a["x_train"].shape, (std::vector<nn::Index>{5, 2}));
        for (nn::Index i = 0; i < 5; ++i)
            QCOMPARE(a["x_train"].valueAt(2 * i), static_cast<double>(i));
        QCOMPARE(a["x_val"].shape, (std::vector<nn::Index>{0, 2}));
        QCOMPARE(a["y_val"].shape, (std::vector<nn::Index>{0, 1}));
    }

    void classesAreInt64Indices() {
        train::DataSpec spec;
        spec.validation_split = 0.25;
        spec.synthetic.seed = 5;
        Arrays a = byName(io::splitArrays(numbered<float>(11, true), spec));
        const std::vector<int64_t> train = fixtureIndices("split_11_train.npy");
        QCOMPARE(a["y_train"].dtype, std::string("<i8"));
        QCOMPARE(a["y_train"].shape,
                 (std::vector<nn::Index>{static_cast<nn::Index>(train.size())}));
        for (size_t r = 0; r < train.size(); ++r)
            QCOMPARE(a["y_train"].intAt(static_cast<nn::Index>(r)), train[r] % 3);
        QCOMPARE(a["y_val"].dtype, std::string("<i8"));
        QCOMPARE(a["x_train"].dtype, std::string("<f4"));  // features stay floating point
    }

    void aFloat64DatasetIsWrittenInFloat64() {
        QCOMPARE(io::npyDtypeOf<float>(), std::string("<f4"));
        QCOMPARE(io::npyDtypeOf<double>(), std::string("<f8"));
        data::Dataset<double> d = numbered<double>(4, false);
        d.x(1, 1) = 0.1;  // not a float32 value: the file must keep every bit
        train::DataSpec spec;
        spec.validation_split = 0.0;
        Arrays a = byName(io::splitArrays(d, spec));
        QCOMPARE(a["x_train"].dtype, std::string("<f8"));
        QCOMPARE(a["y_train"].dtype, std::string("<f8"));
        QVERIFY(sameBytes(d.x, a["x_train"]));
    }

    // The file holds exactly the samples the trainer trains and validates on,
    // in its order: the generated teacher data, split under the data seed.
    void theFileHoldsWhatTheTrainerHolds() {
        train::Design design = train::seedExampleDesign();
        design.data.synthetic.samples = 50;
        design.data.synthetic.seed = 11;
        design.data.validation_split = 0.3;
        QTemporaryDir dir;
        const QString path = dir.filePath("data.npz");
        io::exportDataset(design.data, design.dtype, path);
        const train::Trainer<float> trainer(design, io::loadDataset(design.data));
        QCOMPARE(trainer.trainSet().size(), nn::Index{35});
        QVERIFY(sameBytes(trainer.trainSet().x, io::readArray(path, "x_train")));
        QVERIFY(sameBytes(trainer.trainSet().y, io::readArray(path, "y_train")));
        QVERIFY(sameBytes(trainer.validationSet().x, io::readArray(path, "x_val")));
        QVERIFY(sameBytes(trainer.validationSet().y, io::readArray(path, "y_val")));
    }

    void aNameThatIsNotNpzIsRefused() {
        QTemporaryDir dir;
        const QString path = dir.filePath("data.npy");
        try {
            io::exportDataset(train::seedExampleDesign().data, nn::DType::Float32, path);
            QFAIL("a .npy was written");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()),
                     path + ": the dataset is written as an .npz (x_train, y_train, x_val, y_val)");
        }
        QVERIFY(!QFile::exists(path));
    }

    void overTheMemoryLimitNothingIsWritten() {
        const data::Dataset<float> d = numbered<float>(10000, false);  // 30,000 values
        QTemporaryDir dir;
        const QString path = dir.filePath("data.npz");
        nn::setMemoryLimit(512 * 1024);
        try {
            io::exportDataset(d, train::DataSpec{}, path);
            nn::resetMemoryLimit();
            QFAIL("the export went over the limit");
        } catch (const nn::MemoryLimitError& e) {
            nn::resetMemoryLimit();
            QVERIFY2(QString(e.what()).startsWith("10000 samples of 2 features and 1 target need "),
                     e.what());
            QVERIFY2(QString(e.what()).contains(" to export; the memory limit is 512 KiB"),
                     e.what());
        }
        QVERIFY(!QFile::exists(path));
        io::exportDataset(d, train::DataSpec{}, path);  // within the default limit it fits
        QCOMPARE(io::readArray(path, "x_train").shape, (std::vector<nn::Index>{8000, 2}));
    }

    void theCodeExportsDataSitsBesideTheScript_data() {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("data");
        QTest::newRow("bare") << "model.py"
                              << "model_data.npz";
        QTest::newRow("relative") << "out/model.py"
                                  << "out/model_data.npz";
        QTest::newRow("absolute") << "/tmp/a/net.v2.py"
                                  << "/tmp/a/net.v2_data.npz";
        QTest::newRow("no suffix") << "dir.d/model"
                                   << "dir.d/model_data.npz";
    }

    void theCodeExportsDataSitsBesideTheScript() {
        QFETCH(QString, script);
        QFETCH(QString, data);
        QCOMPARE(io::codeExportDataPath(script), data);
    }
};

QTEST_GUILESS_MAIN(TestDatasetExport)
#include "tst_dataset_export.moc"
