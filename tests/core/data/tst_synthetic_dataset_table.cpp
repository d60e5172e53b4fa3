// The synthetic dataset table: each dataset's input width, task and the options it
// reads, agreeing with what makeSyntheticDataset draws.
#include "core/data/synthetic_dataset_table.h"
#include "core/data/synthetic_datasets.h"

#include <QtTest>

using namespace linearlab::data;

class TestSyntheticDatasetTable : public QObject {
    Q_OBJECT

private slots:
    void listsTheDatasetsInGuiOrder() {
        QCOMPARE(syntheticDatasetNames(),
                 (std::vector<std::string>{"teacher", "bilinear-teacher", "circles", "xor", "blobs",
                                           "spiral", "moons", "sine", "plane"}));
        QVERIFY(findSyntheticDataset("blobs") == &syntheticDatasetTable()[4]);
        QVERIFY(findSyntheticDataset("mnist") == nullptr);
    }

    void facts_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("width");  // 0: in_features
        QTest::addColumn<bool>("classification");
        QTest::addColumn<bool>("takesClasses");
        QTest::addColumn<bool>("takesFeatures");
        QTest::newRow("teacher") << "teacher" << 0 << false << false << true;
        QTest::newRow("bilinear-teacher") << "bilinear-teacher" << 0 << false << false << true;
        QTest::newRow("circles") << "circles" << 2 << true << false << false;
        QTest::newRow("xor") << "xor" << 2 << true << false << false;
        QTest::newRow("blobs") << "blobs" << 2 << true << true << false;
        QTest::newRow("spiral") << "spiral" << 2 << true << true << false;
        QTest::newRow("moons") << "moons" << 2 << true << false << false;
        QTest::newRow("sine") << "sine" << 1 << false << false << false;
        QTest::newRow("plane") << "plane" << 2 << false << false << false;
    }
    void facts() {
        QFETCH(QString, name);
        QFETCH(int, width);
        QFETCH(bool, classification);
        QFETCH(bool, takesClasses);
        QFETCH(bool, takesFeatures);
        const SyntheticDatasetInfo& info = syntheticDataset(name.toStdString());
        QCOMPARE(info.inputWidth, Index{width});
        QCOMPARE(info.classification, classification);
        QCOMPARE(info.takesClasses, takesClasses);
        QCOMPARE(info.takesFeatures, takesFeatures);
        QCOMPARE(info.noise, defaultNoise(info.name));
    }

    void agreesWithTheGeneratedData_data() {
        QTest::addColumn<QString>("name");
        for (const std::string& n : syntheticDatasetNames())
            QTest::newRow(n.c_str()) << QString::fromStdString(n);
    }
    void agreesWithTheGeneratedData() {
        QFETCH(QString, name);
        SyntheticOptions o;
        o.dataset = name.toStdString();
        o.samples = 40;
        o.classes = 5;
        o.in_features = 7;
        o.out_features = 3;
        const Dataset<double> d = makeSyntheticDataset<double>(o);
        const SyntheticDatasetInfo& info = syntheticDataset(o.dataset);
        QCOMPARE(d.features(), inputFeatures(o));
        QCOMPARE(d.features(), info.takesFeatures ? Index{7} : info.inputWidth);
        QCOMPARE(d.classification, info.classification);
        QCOMPARE(d.numClasses, numClasses(o));
        QCOMPARE(d.targets(), info.takesFeatures ? Index{3} : Index{1});
        if (info.classification)
            QCOMPARE(d.numClasses, info.takesClasses ? Index{5} : Index{2});
    }

    void unknownNamesListTheKnownOnes() {
        try {
            syntheticDataset("mnist");
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()),
                     QStringLiteral("unknown dataset 'mnist'; known datasets are teacher, "
                                    "bilinear-teacher, circles, xor, blobs, spiral, moons, sine, "
                                    "plane"));
        }
    }
};

QTEST_APPLESS_MAIN(TestSyntheticDatasetTable)
#include "tst_synthetic_dataset_table.moc"
