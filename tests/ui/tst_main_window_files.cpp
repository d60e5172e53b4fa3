// MainWindow's files as a user meets them: weights and designs opened and
// saved, projects that keep their weights and loss curve, PyTorch code export,
// and autosaved work offered back after a crash. A failed open or save changes
// nothing.
#include "core/io/dataset_file.h"
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
#include "ui/output_view_widget.h"
#include "ui/training_controller.h"
#include "ui/weights_panel.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QStatusBar>
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
    void exportDatasetWritesTheSplit();
    void autosaveIsOfferedBackAfterACrash();
    void aLazyProjectReopensLazy();
    void aDesignWithAnErrorExportsNothingAndSavesNoWeights();
    void unsavedTrainingAsksBeforeDiscarding();
    void accuracyCurveAndLastLossSurviveReopen();
    void recoveredWorkKeepsItsFileName();
};

namespace {

/// Moons through Linear(2, 16), ReLU, Linear(16, 2): a classification run with a
/// validation split, so it has an accuracy curve. 480 training samples in
/// batches of 32: 15 steps an epoch.
train::Design moons() {
    train::Design d;
    d.inputFeatures = 2;
    d.layers = {layer("Linear", 2, 16), layer("ReLU"), layer("Linear", 16, 2)};
    d.data.synthetic.dataset = "moons";
    d.data.synthetic.samples = 600;
    d.data.validation_split = 0.2;
    d.batch = {32, true, false};
    d.loss = "CrossEntropyLoss";
    d.optimizer.type = "Adam";
    d.optimizer.lr = 0.01;
    d.train.epochs = 0;
    return d;
}

}  // namespace

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
    weight.values = std::vector<float>(40 * 30, 0.5f);
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
                           (*project.weights)[i].values.float32().begin()));

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
    // Beside it, the data the script trains on: the seed example's 1024 samples, split.
    QCOMPARE(io::readArray(dir.filePath(QStringLiteral("model_data.npz")), "x_train").shape,
             (std::vector<nn::Index>{820, 20}));

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

void TestMainWindowFiles::exportDatasetWritesTheSplit() {
    QTemporaryDir dir;
    MainWindow w;
    w.newDesign(moons());
    const QString path = dir.filePath(QStringLiteral("moons.npz"));
    QString error;
    QVERIFY2(w.exportDatasetTo(path, &error, true), qPrintable(error));
    QVERIFY(w.statusBar()->currentMessage().contains(path));
    // 480 training and 120 validation samples, labels as class indices.
    QCOMPARE(io::readArray(path, "x_train").shape, (std::vector<nn::Index>{480, 2}));
    QCOMPARE(io::readArray(path, "y_train").dtype, std::string("<i8"));
    QCOMPARE(io::readArray(path, "x_val").shape, (std::vector<nn::Index>{120, 2}));
    // The window's training set is the file's x_train, row for row.
    const data::NpyArray x = io::readArray(path, "x_train");
    QTRY_VERIFY_WITH_TIMEOUT(w.controller()->latestSnapshot() != nullptr, 5000);
    const SnapshotPtr s = w.controller()->latestSnapshot();
    QVERIFY(s->context);
    QCOMPARE(s->context->dataX.rows(), nn::Index{480});
    for (nn::Index r = 0; r < s->context->dataX.rows(); ++r)
        for (nn::Index c = 0; c < 2; ++c)
            QCOMPARE(static_cast<float>(x.valueAt(2 * r + c)), s->context->dataX(r, c));

    QVERIFY(!w.exportDatasetTo(dir.filePath(QStringLiteral("moons.csv")), &error, true));
    QVERIFY2(error.contains(QStringLiteral("is written as an .npz")), qPrintable(error));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("moons.csv"))));
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

void TestMainWindowFiles::aLazyProjectReopensLazy() {
    // File > Examples > lazy_linear, Save As, Open: before any step its lazy
    // layers have no weights, and the project says so instead of failing to reopen.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lazy.linearlab"));
    QString error;
    {
        MainWindow w;
        w.show();
        QVERIFY2(w.openFile(QStringLiteral(":/examples/lazy_linear.linearlab.json"), &error, true),
                 qPrintable(error));
        QVERIFY2(w.saveTo(path, &error, true), qPrintable(error));
    }
    MainWindow w;
    w.show();
    QVERIFY2(w.openFile(path, &error, true), qPrintable(error));
    const SnapshotPtr s = w.controller()->latestSnapshot();
    QVERIFY(s && s->context);
    QVERIFY(s->context->parameterNames.empty());  // still lazy: nothing materialized
    QVERIFY(QString::fromStdString(s->context->nodeReprs[0]).startsWith("LazyLinear"));
    QVERIFY(!w.isWindowModified());
    // The first step materializes them, as the first forward does in PyTorch.
    QVERIFY(stepTimes(w, 1));
    QCOMPARE(w.controller()->latestSnapshot()->context->parameterNames.size(), size_t(4));
}

void TestMainWindowFiles::aDesignWithAnErrorExportsNothingAndSavesNoWeights() {
    QTemporaryDir dir;
    MainWindow w;
    w.newDesign(endless());
    w.show();
    QVERIFY(stepTimes(w, 3));
    const QString weights = dir.filePath(QStringLiteral("w.safetensors"));
    QString error;
    QVERIFY2(w.exportWeightsTo(weights, &error, true), qPrintable(error));
    const QByteArray before = [&] {
        QFile f(weights);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();

    // A Linear(30, 8) after Linear(20, 40): a shape error on node 1.
    train::Design broken = w.design();
    broken.layers.push_back(layer("Linear", 30, 8));
    w.editDesign(broken, QStringLiteral("Add Linear"));
    QVERIFY(!w.trainBlocker().isEmpty());
    QVERIFY(!w.exportWeightsAction()->isEnabled());
    QVERIFY(w.exportWeightsAction()->toolTip().contains(QStringLiteral("cannot be built")));
    QVERIFY(w.exportWeightsAction()->toolTip().contains(w.trainBlocker()));
    QVERIFY(!w.exportCodeAction()->isEnabled());
    // The views say that what they show is the last network's, not this design's.
    QVERIFY(w.weightsPanel()->staleReason().contains(QStringLiteral("mat1 and mat2")));
    QVERIFY(w.outputView()->staleReason().contains(QStringLiteral("mat1 and mat2")));
    // Called anyway (as a script would), the export refuses and the old file stays.
    QVERIFY(!w.exportWeightsTo(weights, &error, true));
    QVERIFY2(error.contains(QStringLiteral("cannot be built")), qPrintable(error));
    QVERIFY(!w.exportCodeTo(dir.filePath(QStringLiteral("m.py")), &error, true));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("m.py"))));
    {
        QFile f(weights);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }

    // Saved now, the project keeps the design without weights, says so, and reopens.
    const QString project = dir.filePath(QStringLiteral("broken.linearlab"));
    QVERIFY2(w.saveTo(project, &error, true), qPrintable(error));
    QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("without weights")));
    const io::Project saved = io::readProject(project);
    QCOMPARE(saved.design, broken);
    QVERIFY(!saved.weights);
    MainWindow reopened;
    QVERIFY2(reopened.openFile(project, &error, true), qPrintable(error));
    QCOMPARE(reopened.design(), broken);

    // Undo: the trained network is back, three steps in, and exports again.
    w.undoAction()->trigger();
    QVERIFY(w.trainBlocker().isEmpty());
    QVERIFY(w.exportWeightsAction()->isEnabled());
    QVERIFY(w.weightsPanel()->staleReason().isEmpty());
    QCOMPARE(shownStep(w), nn::Index(3));
}

void TestMainWindowFiles::unsavedTrainingAsksBeforeDiscarding() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.linearlab"));
    MainWindow w;
    w.newDesign(endless());
    w.show();
    QString error;
    QVERIFY2(w.saveTo(path, &error, true), qPrintable(error));
    QVERIFY(!w.isWindowModified());
    QVERIFY(stepTimes(w, 5));
    // Trained weights are unsaved work: the title says so, and so does autosave.
    QTRY_VERIFY_WITH_TIMEOUT(w.isWindowModified(), 5000);
    QVERIFY(w.autosave()->isDirty());

    // New, answered Cancel: nothing changes.
    auto answer = answerNextMessageBox(QMessageBox::Cancel);
    w.findChild<QMenuBar*>()->actions().first()->menu()->actions().first()->trigger();  // File >
                                                                                        // New
    QVERIFY(answer->asked);
    QVERIFY2(answer->text.contains(QStringLiteral("step 5")), qPrintable(answer->text));
    QCOMPARE(shownStep(w), nn::Index(5));
    QCOMPARE(w.filePath(), path);

    // Reset asks too; Cancel keeps the weights.
    answer = answerNextMessageBox(QMessageBox::Cancel);
    w.resetAction()->trigger();
    QVERIFY(answer->asked);
    QVERIFY(syncWithLoop(w));
    QCOMPARE(shownStep(w), nn::Index(5));

    // Quit, answered Cancel: the window stays.
    answer = answerNextMessageBox(QMessageBox::Cancel);
    QVERIFY(!w.close());
    QVERIFY(answer->asked);
    QVERIFY(w.isVisible());

    // An example, answered Save: the project on disk now holds step 5, then the example opens.
    answer = answerNextMessageBox(QMessageBox::Save);
    QVERIFY(w.confirmDiscard(QStringLiteral("Opening an example")));
    QVERIFY(answer->asked);
    QCOMPARE(io::readProject(path).progress.step, nn::Index(5));
    QVERIFY(!w.isWindowModified());

    // Nothing unsaved: no question.
    answer = answerNextMessageBox(QMessageBox::Cancel, 300);
    QVERIFY(w.confirmDiscard(QStringLiteral("New")));
    QTest::qWait(350);
    QVERIFY(!answer->asked);

    // Discard really discards: New gives the seed example at step 0.
    QVERIFY(stepTimes(w, 2));
    QTRY_VERIFY_WITH_TIMEOUT(w.isWindowModified(), 5000);
    answer = answerNextMessageBox(QMessageBox::Discard);
    w.findChild<QMenuBar*>()->actions().first()->menu()->actions().first()->trigger();
    QVERIFY(answer->asked);
    QCOMPARE(shownStep(w), nn::Index(0));
    QVERIFY(w.filePath().isEmpty());
    QVERIFY(!w.isWindowModified());
}

void TestMainWindowFiles::accuracyCurveAndLastLossSurviveReopen() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("moons.linearlab"));
    QString error;
    SnapshotPtr saved;
    QString statusBefore;
    int accuracyPoints = 0;
    {
        MainWindow w;
        w.newDesign(moons());
        w.show();
        QVERIFY(stepTimes(w, 47));  // three epochs and two steps
        saved = w.controller()->latestSnapshot();
        QCOMPARE(saved->epoch, nn::Index(3));
        QTRY_COMPARE_WITH_TIMEOUT(w.lossChart()->accuracyPointCount(), 3, 5000);
        accuracyPoints = w.lossChart()->accuracyPointCount();
        statusBefore = w.statusText().section(QStringLiteral("  "), 0, 2);  // without steps/s
        QVERIFY2(w.saveTo(path, &error, true), qPrintable(error));
    }
    MainWindow w;
    w.show();
    QVERIFY2(w.openFile(path, &error, true), qPrintable(error));
    const SnapshotPtr shown = w.controller()->latestSnapshot();
    // The last batch's loss exactly, not the curve's merged last point.
    QCOMPARE(shown->trainLoss, saved->trainLoss);
    QCOMPARE(shown->validationLoss, saved->validationLoss);
    QCOMPARE(shown->validationAccuracy, saved->validationAccuracy);
    QCOMPARE(shown->accuracyHistory.size(), saved->accuracyHistory.size());
    QCOMPARE(w.statusText().section(QStringLiteral("  "), 0, 2), statusBefore);
    QTRY_COMPARE_WITH_TIMEOUT(w.lossChart()->accuracyPointCount(), accuracyPoints, 5000);
}

void TestMainWindowFiles::recoveredWorkKeepsItsFileName() {
    QTemporaryDir dir;
    io::setRecoveryPath(dir.filePath(QStringLiteral("recovery.linearlab")));
    const QString path = dir.filePath(QStringLiteral("mine.linearlab"));
    QString error;
    {
        MainWindow w;
        w.newDesign(endless());
        w.show();
        QVERIFY2(w.saveTo(path, &error, true), qPrintable(error));
        QVERIFY(stepTimes(w, 4));
        QTRY_VERIFY_WITH_TIMEOUT(w.autosave()->isDirty(), 5000);
        w.autosave()->autosaveNow();
        QVERIFY(io::hasRecovery());
        // The window "crashes": no close, so the recovery file stays.
        w.controller()->shutdown();
        QFile::copy(io::recoveryPath(), dir.filePath(QStringLiteral("kept.linearlab")));
    }
    // The destructor of a dirty window does not clean up; make sure the file is there.
    if (!io::hasRecovery())
        QVERIFY(QFile::copy(dir.filePath(QStringLiteral("kept.linearlab")), io::recoveryPath()));
    MainWindow w;
    w.show();
    QVERIFY2(w.openRecovery(&error), qPrintable(error));
    QCOMPARE(w.filePath(), path);
    QVERIFY(w.windowTitle().startsWith(QStringLiteral("mine.linearlab")));
    QVERIFY(w.isWindowModified());
    QCOMPARE(shownStep(w), nn::Index(4));
    // Save goes back to the file it came from, with the recovered step.
    QVERIFY2(w.saveTo(w.filePath(), &error, true), qPrintable(error));
    QCOMPARE(io::readProject(path).progress.step, nn::Index(4));
    io::setRecoveryPath({});
}

QTEST_MAIN(TestMainWindowFiles)
#include "tst_main_window_files.moc"
