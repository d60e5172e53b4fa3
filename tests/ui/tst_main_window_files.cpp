// MainWindow's files as a user meets them: weights and designs opened and
// saved, projects that keep their weights and loss curve, PyTorch code export,
// and autosaved work offered back after a crash. A failed open or save changes
// nothing.
#include "core/io/design_file.h"
#include "core/io/project_file.h"
#include "core/io/recovery_file.h"
#include "core/io/weights_file.h"
#include "core/train/design.h"
#include "main_window_test_support.h"
#include "ui/autosave_controller.h"
#include "ui/loss_chart_widget.h"
#include "ui/main_window.h"
#include "ui/network_diagram.h"
#include "ui/training_controller.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <algorithm>

using namespace linearlab;
using namespace linearlab::test;
using linearlab::ui::MainWindow;
using linearlab::ui::SnapshotPtr;

class TestMainWindowFiles : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void weightsRoundTripAndFailedOpenChangesNothing();
    void failedSaveChangesNothing();
    void projectKeepsWeightsAndLossCurve();
    void exportCodeWritesTheModel();
    void autosaveIsOfferedBackAfterACrash();
};

void TestMainWindowFiles::initTestCase() {
    // Keep the user's recent files and window layout out of the tests.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LinearLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_main_window_files"));
}

void TestMainWindowFiles::weightsRoundTripAndFailedOpenChangesNothing() {
    QTemporaryDir dir;
    MainWindow w;
    w.newDesign(train::seedExampleDesign());
    w.show();
    QTRY_VERIFY_WITH_TIMEOUT(w.controller()->latestSnapshot() != nullptr, 5000);
    for (const char* ext : {"safetensors", "pt", "npz", "json", "csv"}) {
        const QString path = dir.filePath(QStringLiteral("w.") + ext);
        QString error;
        QVERIFY2(w.exportWeightsTo(path, &error, true), qPrintable(error));
        QVERIFY2(w.openFile(path, &error, true), qPrintable(error));
    }

    // Weights of another network: PyTorch's message, and the design is untouched.
    io::StateDict wrong;
    io::NamedTensor weight;
    weight.name = "0.weight";
    weight.shape = {40, 30};
    weight.values.assign(40 * 30, 0.5f);
    wrong.push_back(weight);
    const QString wrongPath = dir.filePath(QStringLiteral("wrong.safetensors"));
    io::writeWeights(wrongPath, wrong);
    const train::Design before = w.design();
    const SnapshotPtr shownBefore = w.controller()->latestSnapshot();
    QString error;
    QVERIFY(!w.openFile(wrongPath, &error, true));
    QVERIFY2(error.contains(QStringLiteral("size mismatch for 0.weight")), qPrintable(error));
    QCOMPARE(w.design(), before);
    QCOMPARE(w.controller()->latestSnapshot(), shownBefore);
    QVERIFY(w.undoStack()->isClean());

    // A broken design file changes nothing either.
    const QString broken = dir.filePath(QStringLiteral("broken.linearlab.json"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        "{\"format\": \"linearlab\", \"version\": 1, \"input\": {\"features\": 20}, "
        "\"layers\": [{\"type\": \"Nope\"}]}");
    f.close();
    QVERIFY(!w.openFile(broken, &error, true));
    QVERIFY2(error.contains(QStringLiteral("layers[0]")), qPrintable(error));
    QCOMPARE(w.design(), before);
}

void TestMainWindowFiles::failedSaveChangesNothing() {
    QTemporaryDir dir;
    MainWindow w;
    w.newDesign(train::seedExampleDesign());
    w.diagram()->selectNode(0);
    w.diagram()->addLayer(QStringLiteral("ReLU"));
    QVERIFY(!w.undoStack()->isClean());
    QString error;
    QVERIFY(!w.saveTo(dir.filePath(QStringLiteral("missing/dir/x.linearlab.json")), &error, true));
    QVERIFY(!error.isEmpty());
    QVERIFY(!w.undoStack()->isClean());
    QVERIFY(w.filePath().isEmpty());

    const QString path = dir.filePath(QStringLiteral("ok.linearlab.json"));
    QVERIFY2(w.saveTo(path, &error, true), qPrintable(error));
    QVERIFY(w.undoStack()->isClean());
    QCOMPARE(io::readDesignFile(path), w.design());
}

void TestMainWindowFiles::projectKeepsWeightsAndLossCurve() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trained.linearlab"));
    QString error;
    SnapshotPtr saved;
    {
        MainWindow w;
        w.newDesign(train::seedExampleDesign());
        w.show();
        for (int i = 0; i < 12; ++i)
            w.stepAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(shownStep(w), nn::Index(12), 5000);
        saved = w.controller()->latestSnapshot();
        QVERIFY2(w.saveTo(path, &error, true), qPrintable(error));
        QCOMPARE(w.filePath(), path);
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("trained.linearlab")));
    }
    // What the file holds: the design and the trained weights, bit for bit.
    const io::Project project = io::readProject(path);
    QCOMPARE(project.design, train::seedExampleDesign());
    QVERIFY(project.weights.has_value());
    QCOMPARE(project.progress.step, nn::Index(12));
    QCOMPARE(project.progress.trainHistory.size(), saved->trainHistory.points().size());
    QCOMPARE(project.weights->size(), saved->parameters.size());
    for (size_t i = 0; i < saved->parameters.size(); ++i)
        QVERIFY(std::equal(saved->parameters[i].data(),
                           saved->parameters[i].data() + saved->parameters[i].size(),
                           (*project.weights)[i].values.begin()));

    // Reopened, the window shows the trained weights at step 12 with the curve so far,
    // and training goes on from there.
    MainWindow w;
    w.show();
    QVERIFY2(w.openFile(path, &error, true), qPrintable(error));
    // Saved again at once, before the training thread has said anything: nothing lost.
    const QString again = QDir(dir.path()).filePath(QStringLiteral("again.linearlab"));
    QVERIFY2(w.saveTo(again, &error, true), qPrintable(error));
    const io::Project reread = io::readProject(again);
    QVERIFY(reread.weights.has_value());
    QCOMPARE(reread.progress.step, nn::Index(12));
    for (size_t i = 0; i < project.weights->size(); ++i)
        QVERIFY((*reread.weights)[i].values == (*project.weights)[i].values);
    QTRY_VERIFY_WITH_TIMEOUT(shownStep(w) == 12, 5000);
    const SnapshotPtr shown = w.controller()->latestSnapshot();
    for (size_t i = 0; i < saved->parameters.size(); ++i)
        QCOMPARE(shown->parameters[i], saved->parameters[i]);
    QTRY_VERIFY_WITH_TIMEOUT(w.lossChart()->pointCount() >= 12, 5000);
    QVERIFY(w.undoStack()->isClean());
    w.stepAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(shownStep(w), nn::Index(13), 5000);
}

void TestMainWindowFiles::exportCodeWritesTheModel() {
    QTemporaryDir dir;
    MainWindow w;
    w.newDesign(train::seedExampleDesign());
    QVERIFY(w.exportCodeAction()->isEnabled());
    const QString path = dir.filePath(QStringLiteral("model.py"));
    QString error;
    QVERIFY2(w.exportCodeTo(path, &error, true), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString py = QString::fromUtf8(f.readAll());
    QVERIFY(py.contains(QStringLiteral("def build_model(")));
    QVERIFY(py.contains(QStringLiteral("def load_weights(model, path)")));
    QVERIFY(py.contains(QStringLiteral("nn.Linear(20, 40, bias=True)")));

    // A design with a shape problem has no code to give: the action says why.
    train::Design bad = train::seedExampleDesign();
    bad.layers.push_back(layer("Linear", 30, 5));
    w.editDesign(bad, QStringLiteral("bad"));
    QVERIFY(!w.exportCodeAction()->isEnabled());
    QVERIFY2(w.exportCodeAction()->toolTip().contains(QStringLiteral("mat1 and mat2")),
             qPrintable(w.exportCodeAction()->toolTip()));
    QVERIFY(!w.exportCodeTo(dir.filePath(QStringLiteral("bad.py")), &error, true));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("bad.py"))));
}

void TestMainWindowFiles::autosaveIsOfferedBackAfterACrash() {
    QTemporaryDir dir;
    io::setRecoveryPath(dir.filePath(QStringLiteral("recovery.linearlab")));
    train::Design edited;
    {
        // A session that edits and then "crashes": the window is never closed.
        MainWindow w;
        w.newDesign(train::seedExampleDesign());
        QVERIFY(!w.autosave()->isDirty());
        w.diagram()->selectNode(0);
        w.diagram()->addLayer(QStringLiteral("ReLU"));
        QVERIFY(w.autosave()->isDirty());
        w.autosave()->autosaveNow();
        QVERIFY(io::hasRecovery());
        edited = w.design();
    }
    QVERIFY(io::hasRecovery());

    MainWindow w;
    QVERIFY(w.autosave()->recoveryAvailableAtStartup());
    QString error;
    QVERIFY2(w.openRecovery(&error), qPrintable(error));
    QCOMPARE(w.design(), edited);
    // Recovered work is unsaved: marked so, and still autosaved until it is saved.
    QVERIFY(!w.undoStack()->isClean());
    QVERIFY(w.isWindowModified());
    QVERIFY(w.autosave()->isDirty());

    const QString path = dir.filePath(QStringLiteral("saved.linearlab"));
    QVERIFY2(w.saveTo(path, &error, true), qPrintable(error));
    QVERIFY(!w.autosave()->isDirty());
    QVERIFY(!io::hasRecovery());
    io::setRecoveryPath({});
}

QTEST_MAIN(TestMainWindowFiles)
#include "tst_main_window_files.moc"
