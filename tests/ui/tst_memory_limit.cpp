// The memory limit in the window: an edit over it is refused on the node (or
// under the data settings) before anything is allocated, Train is disabled,
// the trained model is parked and Undo brings it back bit for bit; Edit >
// Preferences stores the limit and applies it at once.
#include "core/nn/blas.h"
#include "core/nn/memory_budget.h"
#include "main_window_test_support.h"
#include "tests/core/nn/memory_test_support.h"
#include "ui/main_window.h"
#include "ui/network_diagram.h"
#include "ui/node_block.h"
#include "ui/node_editor.h"
#include "ui/preferences_dialog.h"
#include "ui/settings_panel.h"
#include "ui/weights_panel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QUndoStack>
#include <QtTest>

#include <cstring>

using namespace linearlab;
using linearlab::ui::MainWindow;
using linearlab::ui::SnapshotPtr;
using namespace linearlab::test;

namespace {

bool sameBits(const std::vector<nn::Matrix<float>>& a, const std::vector<nn::Matrix<float>>& b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].rows() != b[i].rows() || a[i].cols() != b[i].cols() ||
            std::memcmp(a[i].data(), b[i].data(), sizeof(float) * size_t(a[i].size())) != 0)
            return false;
    return true;
}

}  // namespace

class TestMemoryLimit : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LinearLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_memory_limit"));
    }

    void cleanup() {
        ui::storeMemoryLimit(std::nullopt);
        nn::resetMemoryLimit();
        QSettings().remove(QStringLiteral("training/threads"));
    }

    void anEditOverTheLimitIsRefusedOnTheNodeAndUndoBringsTheModelBack() {
        const MemoryLimitGuard limit(512 * kMiB);
        MainWindow w;
        w.newDesign(endless());
        w.show();
        QVERIFY(stepTimes(w, 10));
        const SnapshotPtr trained = w.controller()->latestSnapshot();
        QVERIFY(w.trainAction()->isEnabled());

        // out_features 40 -> 1000000: 21,000,000 values, 12 copies of each (the
        // trainer's 10 and the Weights view's 2), 961 MiB.
        const std::uint64_t before = residentBytes();
        w.diagram()->selectNode(0);
        w.diagram()->editor()->outFeaturesBox()->setValue(1'000'000);
        QVERIFY(residentBytes() < before + kRssSlack);
        const QString expected = QStringLiteral(
            "Linear(20, 1000000) needs 961 MiB for weights, gradients, optimizer state and "
            "snapshots; the memory limit is 512 MiB");
        QCOMPARE(w.diagram()->block(0)->errorText(), expected);
        QVERIFY(w.diagram()
                    ->block(0)
                    ->findChild<QLabel*>(QStringLiteral("errorLabel"))
                    ->isVisibleTo(w.diagram()->block(0)));
        QVERIFY(!w.trainAction()->isEnabled());
        QVERIFY(!w.stepAction()->isEnabled());
        QCOMPARE(w.trainBlocker(), QStringLiteral("node 0: ") + expected);
        QCOMPARE(w.trainAction()->toolTip(), w.trainBlocker());
        QVERIFY(!w.weightsPanel()->staleReason().isEmpty());
        QVERIFY(!w.controller()->hasTrainer());

        // Undo: the design and the model as they were, step 10, bit for bit.
        w.undoAction()->trigger();
        QCOMPARE(w.design().layers[0].out_features, nn::Index(40));
        QCOMPARE(w.diagram()->block(0)->errorText(), QString());
        QVERIFY(w.trainAction()->isEnabled());
        QVERIFY(syncWithLoop(w));
        const SnapshotPtr back = w.controller()->latestSnapshot();
        QCOMPARE(back->step, nn::Index(10));
        QVERIFY(sameBits(back->parameters, trained->parameters));
        QCOMPARE(back->trainLoss, trained->trainLoss);
        QVERIFY(stepTimes(w, 1));
        QCOMPARE(shownStep(w), nn::Index(11));
    }

    void aDataSettingOverTheLimitIsSaidUnderTheData() {
        const MemoryLimitGuard limit(512 * kMiB);
        MainWindow w;
        w.newDesign(endless());
        w.show();
        QVERIFY(stepTimes(w, 5));
        const SnapshotPtr trained = w.controller()->latestSnapshot();
        auto* samples = qobject_cast<QSpinBox*>(settingsField(w, QStringLiteral("samples")));
        QVERIFY(samples);
        const std::uint64_t before = residentBytes();
        samples->setValue(10'000'000);
        QVERIFY(residentBytes() < before + kRssSlack);
        const QString expected = QStringLiteral(
            "data.samples: 10000000 samples of 20 features and 40 targets need 3.7 GiB; the "
            "memory limit is 512 MiB");
        QCOMPARE(w.settingsPanel()->dataError(), expected);
        QVERIFY(w.settingsPanel()
                    ->findChild<QLabel*>(QStringLiteral("dataError"))
                    ->isVisibleTo(w.settingsPanel()));
        QCOMPARE(w.settingsPanel()->batchError(), QString());
        QCOMPARE(w.trainBlocker(), expected);
        QVERIFY(!w.trainAction()->isEnabled());

        w.undoAction()->trigger();
        QCOMPARE(w.settingsPanel()->dataError(), QString());
        QVERIFY(w.trainAction()->isEnabled());
        QVERIFY(syncWithLoop(w));
        QCOMPARE(w.controller()->latestSnapshot()->step, nn::Index(5));
        QVERIFY(sameBits(w.controller()->latestSnapshot()->parameters, trained->parameters));
    }

    void thePreferenceIsStoredAndAppliedAtOnce() {
        MainWindow w;
        w.newDesign(train::seedExampleDesign());
        QVERIFY(w.controller()->hasTrainer());

        // The seed example's data and its split need 696 KiB.
        w.setMemoryLimit(512 * kKiB);
        QCOMPARE(QSettings().value(QStringLiteral("limits/memoryBytes")).toString(),
                 QStringLiteral("524288"));
        QCOMPARE(ui::storedMemoryLimit(), std::optional<nn::Bytes>(512 * kKiB));
        QCOMPARE(nn::memoryLimit(), 512 * kKiB);
        QVERIFY(!w.controller()->hasTrainer());
        QCOMPARE(w.settingsPanel()->dataError(),
                 QStringLiteral("data.samples: 1024 samples of 20 features and 40 targets need "
                                "696 KiB with their training and validation copies; the memory "
                                "limit is 512 KiB"));
        QVERIFY(!w.trainAction()->isEnabled());

        // Back to the default: stored as no value, and the design trains again.
        w.setMemoryLimit(std::nullopt);
        QVERIFY(!QSettings().contains(QStringLiteral("limits/memoryBytes")));
        QVERIFY(!nn::memoryLimitIsSet());
        QVERIFY(w.controller()->hasTrainer());
        QCOMPARE(w.settingsPanel()->dataError(), QString());
        QVERIFY(w.trainAction()->isEnabled());

        // At start-up the stored limit applies.
        ui::storeMemoryLimit(2 * kGiB);
        ui::applyStoredMemoryLimit();
        QCOMPARE(nn::memoryLimit(), 2 * kGiB);
    }

    void thePreferencesDialogReadsSizes() {
        nn::setMemoryLimit(4 * kGiB);
        ui::PreferencesDialog dialog;
        QVERIFY(!dialog.defaultBox()->isChecked());
        QCOMPARE(dialog.memoryLimitEdit()->text(), QStringLiteral("4.0 GiB"));
        QCOMPARE(dialog.memoryLimit(), std::optional<nn::Bytes>(4 * kGiB));
        QPushButton* ok = dialog.buttons()->button(QDialogButtonBox::Ok);
        dialog.memoryLimitEdit()->setText(QStringLiteral("lots"));
        QVERIFY(!ok->isEnabled());
        QCOMPARE(dialog.errorText(),
                 QStringLiteral("Expected a size such as 4G, 512M, 1.5GiB or a number of bytes"));
        dialog.memoryLimitEdit()->setText(QStringLiteral("1.5GiB"));
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.errorText(), QString());
        QCOMPARE(dialog.memoryLimit(), std::optional<nn::Bytes>(1'610'612'736));
        dialog.defaultBox()->setChecked(true);
        QVERIFY(!dialog.memoryLimitEdit()->isEnabled());
        QVERIFY(!dialog.memoryLimit());
        QCOMPARE(dialog.memoryLimitEdit()->text(),
                 QString::fromStdString(nn::formatBytes(nn::defaultMemoryLimit())));
    }

    // Training threads: every core but one by default (the window keeps one),
    // stored, and handed to the training loop, which applies them between batches.
    void theThreadsPreferenceReachesTheLoop() {
        const int cores = nn::defaultThreads();
        QCOMPARE(ui::storedTrainingThreads(), std::max(1, cores - 1));
        ui::PreferencesDialog dialog;
        QCOMPARE(dialog.trainingThreads(), std::max(1, cores - 1));
        QCOMPARE(dialog.threadsBox()->maximum(), cores);
        QCOMPARE(dialog.threadsBox()->isEnabled(), nn::haveBlas());

        ui::storeTrainingThreads(cores);
        QCOMPARE(QSettings().value(QStringLiteral("training/threads")).toInt(), cores);
        MainWindow w;
        QCOMPARE(w.controller()->threads(), cores);
        w.controller()->step();
        QVERIFY(QTest::qWaitFor([&] {
            w.controller()->pollNow();
            const auto s = w.controller()->latestSnapshot();
            return s && s->step == 1;
        }));
        // Without OpenBLAS there is one thread whatever is asked.
        QCOMPARE(nn::blasThreads(), nn::haveBlas() ? cores : 1);
        w.controller()->setThreads(1);
        w.controller()->step();
        QVERIFY(QTest::qWaitFor([&] {
            w.controller()->pollNow();
            return w.controller()->latestSnapshot()->step == 2;
        }));
        QCOMPARE(nn::blasThreads(), 1);
    }
};

QTEST_MAIN(TestMemoryLimit)
#include "tst_memory_limit.moc"
