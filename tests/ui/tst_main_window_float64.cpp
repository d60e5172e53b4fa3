// A float64 design in the window: chosen in the settings, trained (the window
// runs a Trainer<double>), saved and reopened with its weights bit for bit in
// float64; the views draw the same run rounded to float32.
#include "core/io/network_state.h"
#include "core/io/project_file.h"
#include "core/io/weights_file.h"
#include "main_window_test_support.h"
#include "ui/main_window.h"
#include "ui/settings_panel.h"
#include "ui/training_controller.h"

#include <QAction>
#include <QComboBox>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

using namespace linearlab;
using namespace linearlab::test;
using ui::MainWindow;

class TestMainWindowFloat64 : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LinearLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_main_window_float64"));
    }

    void float64TrainsSavesAndReopensBitForBit() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f64.linearlab"));
        QString error;
        io::StateDict trained;
        {
            MainWindow w;
            w.newDesign(train::seedExampleDesign());
            w.show();
            // The user picks float64 in the settings: an edit, undoable like any other.
            auto* dtype = qobject_cast<QComboBox*>(settingsField(w, QStringLiteral("dtype")));
            QVERIFY(dtype);
            QCOMPARE(dtype->currentText(), QStringLiteral("float32"));
            dtype->setCurrentText(QStringLiteral("float64"));
            QCOMPARE(w.design().dtype, nn::DType::Float64);
            QVERIFY(w.controller()->hasTrainer());
            QVERIFY(stepTimes(w, 5));
            QCOMPARE(shownStep(w), nn::Index(5));

            trained = w.controller()->latestWeights();
            QVERIFY(!trained.empty());
            bool beyondFloat = false;
            for (const io::NamedTensor& t : trained) {
                QCOMPARE(t.values.dtype(), nn::DType::Float64);
                // Trained in float64: values float32 cannot hold.
                for (double v : t.values.float64())
                    beyondFloat = beyondFloat || static_cast<double>(static_cast<float>(v)) != v;
            }
            QVERIFY(beyondFloat);
            // The views get the same run, as float32.
            const ui::SnapshotPtr shown = w.controller()->latestSnapshot();
            QCOMPARE(shown->parameters.size(), trained.size());
            for (size_t i = 0; i < trained.size(); ++i)
                QCOMPARE(shown->parameters[i](0, 0), trained[i].values.to<float>()[0]);

            QVERIFY2(w.saveTo(path, &error, true), qPrintable(error));
            // Export Weights writes float64 too.
            const QString exported = dir.filePath(QStringLiteral("w.safetensors"));
            QVERIFY2(w.exportWeightsTo(exported, &error, true), qPrintable(error));
            const io::StateDict file = io::readWeights(exported);
            for (size_t i = 0; i < trained.size(); ++i)
                QVERIFY(file[i].values == trained[i].values);
        }
        const io::Project project = io::readProject(path);
        QCOMPARE(project.design.dtype, nn::DType::Float64);
        QVERIFY(project.weights.has_value());
        QCOMPARE(project.weights->size(), trained.size());
        for (size_t i = 0; i < trained.size(); ++i)
            QVERIFY2((*project.weights)[i].values == trained[i].values, trained[i].name.c_str());

        // Reopened: the same float64 weights, the settings say float64, and
        // saving again straight away writes them unchanged.
        MainWindow w;
        w.show();
        QVERIFY2(w.openFile(path, &error, true), qPrintable(error));
        QCOMPARE(w.design().dtype, nn::DType::Float64);
        auto* dtype = qobject_cast<QComboBox*>(settingsField(w, QStringLiteral("dtype")));
        QCOMPARE(dtype->currentText(), QStringLiteral("float64"));
        const io::StateDict reopened = w.controller()->latestWeights();
        QCOMPARE(reopened.size(), trained.size());
        for (size_t i = 0; i < trained.size(); ++i)
            QVERIFY2(reopened[i].values == trained[i].values, trained[i].name.c_str());
        QCOMPARE(shownStep(w), nn::Index(5));
        // And it trains on from there, still in float64.
        QVERIFY(stepTimes(w, 1));
        QCOMPARE(w.controller()->latestWeights()[0].values.dtype(), nn::DType::Float64);
    }

    void switchingDtypeCarriesTrainedWeightsOver() {
        MainWindow w;
        w.newDesign(train::seedExampleDesign());
        w.show();
        QVERIFY(stepTimes(w, 3));
        const io::StateDict before = w.controller()->latestWeights();
        QCOMPARE(before[0].values.dtype(), nn::DType::Float32);
        auto* dtype = qobject_cast<QComboBox*>(settingsField(w, QStringLiteral("dtype")));
        dtype->setCurrentText(QStringLiteral("float64"));
        // As model.double(): the trained float32 values, widened exactly.
        const io::StateDict after = w.controller()->latestWeights();
        QCOMPARE(after.size(), before.size());
        for (size_t i = 0; i < before.size(); ++i) {
            QCOMPARE(after[i].values.dtype(), nn::DType::Float64);
            QCOMPARE(after[i].values.float64(), before[i].values.to<double>());
        }
        QCOMPARE(shownStep(w), nn::Index(3));
        // Undo goes back to float32, with the float32 weights bit for bit.
        w.undoStack()->undo();
        QCOMPARE(w.design().dtype, nn::DType::Float32);
        const io::StateDict undone = w.controller()->latestWeights();
        for (size_t i = 0; i < before.size(); ++i)
            QVERIFY(undone[i].values == before[i].values);
    }
};

QTEST_MAIN(TestMainWindowFloat64)
#include "tst_main_window_float64.moc"
