// The settings panel's Scheduler group: "none" and the scheduler table's classes
// in its order, a row per keyword the chosen one takes showing PyTorch's
// default, each edit handed out as the design's new scheduler (one undo step).
#include "ui/scheduler_settings.h"
#include "ui/settings_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>

using namespace linearlab;
using K = train::SchedulerKeyword;
using ui::SchedulerSettings;

namespace {

/// The group and the last edit it handed out.
struct Group {
    SchedulerSettings widget;
    train::SchedulerOptions after;
    QString text, key;
    int edits = 0;

    Group() {
        QObject::connect(
            &widget, &SchedulerSettings::schedulerEdited,
            [this](const train::SchedulerOptions& a, const QString& t, const QString& k) {
                after = a;
                text = t;
                key = k;
                ++edits;
                widget.setScheduler(a);  // as the window's undo command does
            });
    }
};

}  // namespace

class TestSchedulerSettings : public QObject {
    Q_OBJECT

private slots:
    void theComboListsNoneThenTheTable() {
        Group g;
        QComboBox* box = g.widget.typeBox();
        QCOMPARE(box->count(), int(train::schedulerTypeNames().size()) + 1);
        QCOMPARE(box->itemText(0), QString("none"));
        for (size_t i = 0; i < train::schedulerTypeNames().size(); ++i)
            QCOMPARE(box->itemText(int(i) + 1).toStdString(), train::schedulerTypeNames()[i]);
        for (K k : train::schedulerKeywords()) {
            QVERIFY2(g.widget.field(k), train::keywordName(k));
            QVERIFY(!g.widget.isRowShown(k));  // no scheduler: no rows
        }
    }

    void choosingASchedulerShowsItsKeywordsAndDefaults_data() {
        QTest::addColumn<QString>("type");
        for (const std::string& name : train::schedulerTypeNames())
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }

    void choosingASchedulerShowsItsKeywordsAndDefaults() {
        QFETCH(QString, type);
        Group g;
        g.widget.show();
        g.widget.typeBox()->setCurrentText(type);
        QCOMPARE(g.edits, 1);
        QCOMPARE(g.text, "Set lr_scheduler to " + type);
        QVERIFY(g.key.isEmpty());
        QVERIFY(g.after == train::startingScheduler(type.toStdString()));
        train::checkScheduler(g.after);  // a scheduler that trains as it is
        const train::SchedulerInfo& info = *train::findScheduler(type.toStdString());
        for (K k : train::schedulerKeywords()) {
            QCOMPARE(g.widget.isRowShown(k), info.takes(k));
            QCOMPARE(g.widget.field(k)->isVisible(), info.takes(k));
        }
    }

    void rowsShowPyTorchsDefaults() {
        Group g;
        g.widget.setScheduler(train::startingScheduler("OneCycleLR"));
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(g.widget.field(K::max_lr))->value(), 0.1);
        QCOMPARE(qobject_cast<QSpinBox*>(g.widget.field(K::total_steps))->value(), 1000);
        QCOMPARE(qobject_cast<QSpinBox*>(g.widget.field(K::epochs))->text(), QString("None"));
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(g.widget.field(K::pct_start))->value(), 0.3);
        QCOMPARE(qobject_cast<QComboBox*>(g.widget.field(K::anneal_strategy))->currentText(),
                 QString("cos"));
        QVERIFY(qobject_cast<QCheckBox*>(g.widget.field(K::cycle_momentum))->isChecked());
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(g.widget.field(K::div_factor))->value(), 25.0);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(g.widget.field(K::final_div_factor))->value(), 1e4);
        g.widget.setScheduler(train::startingScheduler("ReduceLROnPlateau"));
        QCOMPARE(qobject_cast<QComboBox*>(g.widget.field(K::mode))->currentText(), QString("min"));
        QCOMPARE(qobject_cast<QSpinBox*>(g.widget.field(K::patience))->value(), 10);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(g.widget.field(K::eps))->value(), 1e-8);
        g.widget.setScheduler(train::startingScheduler("LinearLR"));
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(g.widget.field(K::start_factor))->value(), 0.3333);
        QCOMPARE(qobject_cast<QSpinBox*>(g.widget.field(K::total_iters))->value(), 5);
        QCOMPARE(g.edits, 0);  // showing a design is not an edit
    }

    void eachRowEditsItsKeyword() {
        Group g;
        g.widget.setScheduler(train::startingScheduler("StepLR"));
        qobject_cast<QDoubleSpinBox*>(g.widget.field(K::gamma))->setValue(0.5);
        QCOMPARE(std::get<double>(g.after.keywords.at(K::gamma)), 0.5);
        QCOMPARE(g.text, QString("Set gamma"));
        QCOMPARE(g.key, QString("scheduler.gamma"));
        qobject_cast<QSpinBox*>(g.widget.field(K::step_size))->setValue(7);
        QCOMPARE(std::get<long long>(g.after.keywords.at(K::step_size)), 7LL);
        QCOMPARE(std::get<double>(g.after.keywords.at(K::gamma)), 0.5);  // kept

        g.widget.setScheduler(train::startingScheduler("OneCycleLR"));
        qobject_cast<QComboBox*>(g.widget.field(K::anneal_strategy))->setCurrentText("linear");
        QCOMPARE(std::get<std::string>(g.after.keywords.at(K::anneal_strategy)),
                 std::string("linear"));
        qobject_cast<QCheckBox*>(g.widget.field(K::three_phase))->setChecked(true);
        QVERIFY(std::get<bool>(g.after.keywords.at(K::three_phase)));
        // A count at 0 is None: the keyword is left out, as Python's default.
        qobject_cast<QSpinBox*>(g.widget.field(K::total_steps))->setValue(0);
        QVERIFY(!g.after.keywords.count(K::total_steps));
    }

    void milestonesAreAListOfEpochs() {
        Group g;
        g.widget.setScheduler(train::startingScheduler("MultiStepLR"));
        auto* line = qobject_cast<QLineEdit*>(g.widget.field(K::milestones));
        QCOMPARE(line->text(), QString("10, 20"));
        line->setText("5, 9,12");
        emit line->editingFinished();
        QCOMPARE(std::get<std::vector<long long>>(g.after.keywords.at(K::milestones)),
                 (std::vector<long long>{5, 9, 12}));
        QCOMPARE(line->text(), QString("5, 9, 12"));
        const int edits = g.edits;
        line->setText("five");
        emit line->editingFinished();
        QCOMPARE(g.edits, edits);  // not a list: no edit, and the design's list shows again
        QCOMPARE(line->text(), QString("5, 9, 12"));
    }

    void noneRemovesTheScheduler() {
        Group g;
        g.widget.setScheduler(train::startingScheduler("ExponentialLR"));
        g.widget.typeBox()->setCurrentIndex(0);
        QVERIFY(!g.after.enabled());
        QCOMPARE(g.text, QString("Set lr_scheduler to none"));
    }

    void theSettingsPanelCarriesTheEditIntoTheDesign() {
        ui::SettingsPanel panel;
        train::Design d = train::seedExampleDesign();
        d.scheduler = train::startingScheduler("CosineAnnealingLR");
        panel.setDesign(d);
        QCOMPARE(panel.schedulerSettings()->typeBox()->currentText(), QString("CosineAnnealingLR"));
        train::Design after;
        QString key;
        int edits = 0;
        connect(&panel, &ui::SettingsPanel::designEdited,
                [&](const train::Design& a, const QString&, const QString& k) {
                    after = a;
                    key = k;
                    ++edits;
                });
        qobject_cast<QDoubleSpinBox*>(panel.schedulerSettings()->field(K::eta_min))
            ->setValue(0.001);
        QCOMPARE(edits, 1);
        train::Design expected = d;
        expected.scheduler.keywords[K::eta_min] = 0.001;
        QVERIFY(after == expected);
        QCOMPARE(key, QString("scheduler.eta_min"));
    }
};

QTEST_MAIN(TestSchedulerSettings)
#include "tst_scheduler_settings.moc"
