// Data files against the memory limit: a .npz is refused from its size before
// it is read and from its directory's sizes before x and y are decompressed, a
// CSV from its size and then from its rows and columns, each in one line
// naming the file.
#include "core/data/npy.h"
#include "core/io/dataset_file.h"

#include "tests/core/nn/memory_test_support.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace linearlab;
using namespace linearlab::test;
using nn::Bytes;

namespace {

/// loadDatasetFile's message for `path`, or "<loaded>".
std::string loadError(const QString& path) {
    try {
        io::loadDatasetFile(path);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "<loaded>";
}

}  // namespace

class TestDatasetFile : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void cleanup() { nn::resetMemoryLimit(); }

    void anNpzIsCheckedBeforeItIsRead() {
        const QString path = m_dir.filePath(QStringLiteral("data.npz"));
        const data::NpyArray x =
            data::NpyArray::fromDoubles("<f4", {1000, 20}, std::vector<double>(20'000, 1));
        const data::NpyArray y =
            data::NpyArray::fromDoubles("<f4", {1000}, std::vector<double>(1000, 2));
        io::writeArrays(path, {{"x", x}, {"y", y}});
        const Bytes file = static_cast<Bytes>(QFileInfo(path).size());
        const Bytes members = data::writeNpy(x).size() + data::writeNpy(y).size();
        const std::string name = path.toStdString();
        {
            const MemoryLimitGuard limit(file - 1);
            // A byte apart: shown with the digits that tell them apart (82.471 / 82.470 KiB).
            QCOMPARE(loadError(path), name + " needs " + nn::formatBytesBeside(file, file - 1) +
                                          " to read; the memory limit is " +
                                          nn::formatBytesBeside(file - 1, file));
        }
        {
            // The file fits; x and y, held as read and as parsed, do not.
            const MemoryLimitGuard limit(file + members);
            const Bytes need = file + 2 * members;
            QCOMPARE(loadError(path), name + ": x and y need " + nn::formatBytes(need) +
                                          " to decompress; the memory limit is " +
                                          nn::formatBytes(file + members));
        }
        const MemoryLimitGuard limit(file + 2 * members + 84'000);
        QCOMPARE(io::loadDatasetFile(path).size(), nn::Index(1000));
    }

    void aCsvIsCheckedBeforeItIsParsed() {
        const QString path = m_dir.filePath(QStringLiteral("rows.csv"));
        {
            std::ofstream out(path.toStdString());
            out << "a,b,y\n";
            for (int r = 0; r < 1000; ++r)
                out << "1,2,3\n";
        }
        {
            const MemoryLimitGuard limit(4 * kKiB);
            QCOMPARE(loadError(path),
                     std::string("rows.csv needs 5.9 KiB to read; the memory limit is 4.0 KiB"));
        }
        const MemoryLimitGuard limit(16 * kKiB);
        // 6006 bytes of text and 1000 x 3 doubles.
        QCOMPARE(loadError(path), std::string("rows.csv: 1000 rows of 3 columns need 29.3 KiB once "
                                              "parsed; the memory limit is 16.0 KiB"));
    }
};

QTEST_GUILESS_MAIN(TestDatasetFile)
#include "tst_dataset_file.moc"
