// SettingsPanel: the rows it shows for the chosen optimizer, loss and dataset, the
// defaults it shows for omitted keywords, and each control's undo text and merge key.
#include "ui/settings_panel.h"

#include "core/data/synthetic_dataset_table.h"
#include "core/nn/loss_table.h"
#include "core/nn/optimizer_table.h"
#include "core/train/design.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>

#include <cmath>

using namespace linearlab;
using linearlab::ui::SettingsPanel;

namespace {

/// The panel as the window drives it: every edit is applied and shown again.
struct Panel {
    SettingsPanel panel;
    train::Design design;  ///< as last shown
    QString text;          ///< the last edit's undo text and merge key
    QString key;
    int edits = 0;

    explicit Panel(const train::Design& d) : design(d) {
        QObject::connect(&panel, &SettingsPanel::designEdited,
                         [this](const train::Design& after, const QString& t, const QString& k) {
                             design = after;
                             text = t;
                             key = k;
                             ++edits;
                             panel.setDesign(after);
                         });
        panel.setDesign(d);
        panel.show();
    }

    /// The field of the row labelled `label`, shown or not.
    QWidget* field(const QString& label) const {
        for (auto* form : panel.findChildren<QFormLayout*>())
            for (int row = 0; row < form->rowCount(); ++row) {
                auto* l = form->itemAt(row, QFormLayout::LabelRole);
                auto* f = form->itemAt(row, QFormLayout::FieldRole);
                auto* t = l ? qobject_cast<QLabel*>(l->widget()) : nullptr;
                if (t && f && t->text() == label)
                    return f->widget();
            }
        return nullptr;
    }
    bool shown(const QString& label) const {
        for (auto* form : panel.findChildren<QFormLayout*>())
            for (int row = 0; row < form->rowCount(); ++row) {
                auto* l = form->itemAt(row, QFormLayout::LabelRole);
                auto* t = l ? qobject_cast<QLabel*>(l->widget()) : nullptr;
                if (t && t->text() == label)
                    return form->isRowVisible(row);
            }
        return false;
    }
};

/// Every optimizer row's label: one per keyword, betas one per component.
QStringList optimizerRowLabels() {
    return {"lr",
            "momentum",
            "betas[0]",
            "betas[1]",
            "weight_decay",
            "dampening",
            "nesterov",
            "alpha",
            "eps",
            "amsgrad",
            "centered",
            "lr_decay",
            "initial_accumulator_value",
            "momentum_decay",
            "maximize"};
}

/// Changes the control to another value, as a user would.
void poke(QWidget* w) {
    if (auto* box = qobject_cast<QSpinBox*>(w)) {
        box->setValue(box->value() < box->maximum() ? box->value() + 1 : box->value() - 1);
    } else if (auto* box = qobject_cast<QDoubleSpinBox*>(w)) {
        const double up = box->value() + box->singleStep();
        box->setValue(up <= box->maximum() ? up : box->value() - box->singleStep());
    } else if (auto* check = qobject_cast<QCheckBox*>(w)) {
        check->setChecked(!check->isChecked());
    } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
        combo->setCurrentIndex(combo->currentIndex() == 1 ? 2 : 1);
    }
}

}  // namespace

class TestSettingsPanel : public QObject {
    Q_OBJECT

private slots:
    void switchingOptimizerShowsItsKeywordsAndDefaults_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QStringList>("rows");
        QTest::newRow("SGD") << "SGD" << QStringList{"lr",        "momentum", "weight_decay",
                                                     "dampening", "nesterov", "maximize"};
        QTest::newRow("Adam") << "Adam"
                              << QStringList{"lr",  "betas[0]", "betas[1]", "weight_decay",
                                             "eps", "amsgrad",  "maximize"};
        QTest::newRow("AdamW") << "AdamW"
                               << QStringList{"lr",  "betas[0]", "betas[1]", "weight_decay",
                                              "eps", "amsgrad",  "maximize"};
        QTest::newRow("RMSprop") << "RMSprop"
                                 << QStringList{"lr",  "momentum", "weight_decay", "alpha",
                                                "eps", "centered", "maximize"};
        QTest::newRow("Adagrad") << "Adagrad"
                                 << QStringList{"lr",       "weight_decay",
                                                "lr_decay", "initial_accumulator_value",
                                                "eps",      "maximize"};
        QTest::newRow("Adamax") << "Adamax" << QStringList{"lr",           "betas[0]", "betas[1]",
                                                           "weight_decay", "eps",      "maximize"};
        // 1.13's NAdam and RAdam take no maximize: no row for it.
        QTest::newRow("NAdam") << "NAdam"
                               << QStringList{"lr",           "betas[0]", "betas[1]",
                                              "weight_decay", "eps",      "momentum_decay"};
        QTest::newRow("RAdam") << "RAdam"
                               << QStringList{"lr", "betas[0]", "betas[1]", "weight_decay", "eps"};
    }
    void switchingOptimizerShowsItsKeywordsAndDefaults() {
        QFETCH(QString, type);
        QFETCH(QStringList, rows);
        // From another optimizer without an lr, so the new type's default shows.
        train::Design d = train::seedExampleDesign();
        d.optimizer = {};
        d.optimizer.type = type == "SGD" ? "Adam" : "SGD";
        Panel p(d);
        qobject_cast<QComboBox*>(p.field("optimizer"))->setCurrentText(type);
        QCOMPARE(p.text, "Set optimizer to " + type);
        QCOMPARE(p.key, QString());
        QCOMPARE(QString::fromStdString(p.design.optimizer.type), type);

        for (const QString& label : optimizerRowLabels())
            QVERIFY2(p.shown(label) == rows.contains(label), qPrintable(label));

        const nn::OptimizerInfo* info = nn::findOptimizer(type.toStdString());
        QVERIFY(info);
        // Only lr is set; every row shows the table's default.
        nn::OptimizerOptions expected;
        expected.type = info->name;
        expected.lr = std::get<double>(info->argument(nn::OptimizerKeyword::lr)->defaultValue);
        QVERIFY(p.design.optimizer == expected);
        for (const nn::OptimizerArgument& a : info->arguments) {
            const QString name = nn::keywordName(a.keyword);
            if (const auto* flag = std::get_if<bool>(&a.defaultValue)) {
                QCOMPARE(qobject_cast<QCheckBox*>(p.field(name))->isChecked(), *flag);
                continue;
            }
            std::vector<double> values;
            QStringList labels;
            if (const auto* number = std::get_if<double>(&a.defaultValue)) {
                values = {*number};
                labels = {name};
            } else {
                const auto& pair = std::get<std::array<double, 2>>(a.defaultValue);
                values = {pair[0], pair[1]};
                labels = {name + "[0]", name + "[1]"};
            }
            for (int i = 0; i < labels.size(); ++i) {
                auto* box = qobject_cast<QDoubleSpinBox*>(p.field(labels[i]));
                QVERIFY2(box, qPrintable(labels[i]));
                QVERIFY2(std::abs(box->value() - values[size_t(i)]) <=
                             0.5 * std::pow(10.0, -box->decimals()),
                         qPrintable(labels[i] + ": " + QString::number(box->value())));
            }
        }
    }

    void pytorchDefaultsShowForOmittedKeywords() {
        train::Design d = train::seedExampleDesign();
        d.optimizer = {};
        d.optimizer.type = "AdamW";
        Panel p(d);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(p.field("lr"))->value(), 1e-3);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(p.field("weight_decay"))->value(), 1e-2);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(p.field("betas[1]"))->value(), 0.999);
        d.optimizer.type = "RMSprop";
        p.panel.setDesign(d);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(p.field("lr"))->value(), 1e-2);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(p.field("alpha"))->value(), 0.99);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(p.field("weight_decay"))->value(), 0.0);
        d.optimizer.type = "SGD";  // lr is required; the lab's default shows
        p.panel.setDesign(d);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(p.field("lr"))->value(), 0.01);
        d.loss = "HuberLoss";
        p.panel.setDesign(d);
        QVERIFY(p.shown("delta"));
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(p.field("delta"))->value(), 1.0);
        d.loss = "MSELoss";
        p.panel.setDesign(d);
        QVERIFY(!p.shown("delta"));
    }

    void lossRowsFollowTheLossTable() {
        train::Design d = train::seedExampleDesign();
        Panel p(d);
        for (const nn::LossInfo& info : nn::lossTable()) {
            d.loss = info.name;
            p.panel.setDesign(d);
            for (nn::LossKeyword k : nn::lossKeywords())
                QVERIFY2(p.shown(nn::keywordName(k)) == info.takes(k),
                         qPrintable(QString::fromStdString(info.name) + " " + nn::keywordName(k)));
        }
        // CrossEntropyLoss's defaults, as torch 1.13 declares them.
        d.loss = "CrossEntropyLoss";
        p.panel.setDesign(d);
        QCOMPARE(qobject_cast<QComboBox*>(p.field("reduction"))->currentText(), "mean");
        QCOMPARE(qobject_cast<QSpinBox*>(p.field("ignore_index"))->value(), -100);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(p.field("label_smoothing"))->value(), 0.0);
        auto* weight = qobject_cast<QLineEdit*>(p.field("weight"));
        QVERIFY(weight);
        QCOMPARE(weight->text(), QString());
        QCOMPARE(weight->placeholderText(), "None");
    }

    void weightListsEditAsNumbers() {
        train::Design d = train::seedExampleDesign();
        d.loss = "BCEWithLogitsLoss";
        d.lossOptions.pos_weight = std::vector<double>{2};
        Panel p(d);
        auto* posWeight = qobject_cast<QLineEdit*>(p.field("pos_weight"));
        QCOMPARE(posWeight->text(), "2.0");
        auto* weight = qobject_cast<QLineEdit*>(p.field("weight"));
        weight->setText("0.5, 2");
        emit weight->editingFinished();
        QCOMPARE(p.edits, 1);
        QCOMPARE(p.text, "Set weight");
        QCOMPARE(p.design.lossOptions.weight, std::optional(std::vector<double>{0.5, 2}));
        QCOMPARE(weight->text(), "0.5, 2.0");
        // Not numbers: nothing changes and the field shows the design again.
        weight->setText("0.5, heavy");
        emit weight->editingFinished();
        QCOMPARE(p.edits, 1);
        QCOMPARE(weight->text(), "0.5, 2.0");
        // Empty is None, torch's default.
        weight->clear();
        emit weight->editingFinished();
        QCOMPARE(p.edits, 2);
        QVERIFY(!p.design.lossOptions.weight);
        QCOMPARE(p.design.lossOptions.pos_weight, std::optional(std::vector<double>{2}));
    }

    void editingBetasKeepsTheOtherComponent() {
        train::Design d = train::seedExampleDesign();
        d.optimizer = {};
        d.optimizer.type = "Adam";
        d.optimizer.betas = std::array<double, 2>{0.8, 0.995};
        Panel p(d);
        qobject_cast<QDoubleSpinBox*>(p.field("betas[1]"))->setValue(0.99);
        QCOMPARE(*p.design.optimizer.betas, (std::array<double, 2>{0.8, 0.99}));
        d.optimizer.betas.reset();  // omitted: the other component is PyTorch's default
        p.panel.setDesign(d);
        qobject_cast<QDoubleSpinBox*>(p.field("betas[0]"))->setValue(0.5);
        QCOMPARE(*p.design.optimizer.betas, (std::array<double, 2>{0.5, 0.999}));
    }

    void datasetRowsFollowTheDataset_data() {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("classes");
        QTest::addColumn<bool>("features");
        QTest::newRow("teacher") << "teacher" << 20 << false << true;
        QTest::newRow("bilinear-teacher") << "bilinear-teacher" << 20 << false << true;
        QTest::newRow("circles") << "circles" << 2 << false << false;
        QTest::newRow("xor") << "xor" << 2 << false << false;
        QTest::newRow("blobs") << "blobs" << 2 << true << false;
        QTest::newRow("spiral") << "spiral" << 2 << true << false;
        QTest::newRow("moons") << "moons" << 2 << false << false;
        QTest::newRow("sine") << "sine" << 1 << false << false;
        QTest::newRow("plane") << "plane" << 2 << false << false;
    }
    void datasetRowsFollowTheDataset() {
        QFETCH(QString, dataset);
        QFETCH(int, width);
        QFETCH(bool, classes);
        QFETCH(bool, features);
        train::Design d = train::seedExampleDesign();
        d.data.synthetic.dataset = dataset == "plane" ? "sine" : "plane";
        d.inputFeatures = 5;
        Panel p(d);
        qobject_cast<QComboBox*>(p.field("dataset"))->setCurrentText(dataset);
        QCOMPARE(p.text, "Set dataset to " + dataset);
        QCOMPARE(p.design.inputFeatures, nn::Index(width));
        QCOMPARE(p.shown("classes"), classes);
        QCOMPARE(p.shown("in_features"), features);
        QCOMPARE(p.shown("teacher out_features"), features);
        QVERIFY(p.shown("noise"));
        // A file replaces the generated dataset's rows.
        train::Design withFile = p.design;
        withFile.data.file = "points.csv";
        p.panel.setDesign(withFile);
        QVERIFY(!p.shown("noise"));
        QVERIFY(!p.shown("classes"));
        QVERIFY(!p.shown("in_features"));
    }

    void eachControlKeepsItsUndoTextAndMergeKey_data() {
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("key");
        auto row = [](const char* label, const char* text, const char* key) {
            QTest::newRow(label) << label << text << (key ? QString(key) : QString());
        };
        row("samples", "Set samples", "samples");
        row("data seed", "Set data seed", "data seed");
        row("noise", "Set noise", "noise");
        row("classes", "Set classes", "classes");
        row("in_features", "Set in_features of the data", "input features");
        row("teacher out_features", "Set the teacher's out_features", "teacher out");
        row("validation_split", "Set validation_split", "split");
        row("batch_size", "Set batch_size", "batch");
        row("shuffle", "Set shuffle", nullptr);
        row("drop_last", "Set drop_last", nullptr);
        row("epochs", "Set epochs", "epochs");
        row("delta", "Set delta", "delta");
        row("reduction", "Set reduction to sum", nullptr);
        row("ignore_index", "Set ignore_index", "ignore_index");
        row("label_smoothing", "Set label_smoothing", "label_smoothing");
        row("lr", "Set lr", "lr");
        row("momentum", "Set momentum", "momentum");
        row("betas[0]", "Set betas", "beta1");
        row("betas[1]", "Set betas", "beta2");
        row("weight_decay", "Set weight_decay", "weight_decay");
        row("dampening", "Set dampening", "dampening");
        row("nesterov", "Set nesterov", nullptr);
        row("alpha", "Set alpha", "alpha");
        row("eps", "Set eps", "eps");
        row("amsgrad", "Set amsgrad", nullptr);
        row("centered", "Set centered", nullptr);
        row("maximize", "Set maximize", nullptr);
        row("seed", "Set seed", "seed");
        row("dataset", "Set dataset to bilinear-teacher", nullptr);
        row("loss", "Set loss to L1Loss", nullptr);
        row("optimizer", "Set optimizer to Adam", nullptr);
        row("weight init", "Set weight init to uniform_", nullptr);
    }
    void eachControlKeepsItsUndoTextAndMergeKey() {
        QFETCH(QString, label);
        QFETCH(QString, text);
        QFETCH(QString, key);
        Panel p(train::seedExampleDesign());
        QWidget* control = p.field(label);
        QVERIFY2(control, qPrintable(label));
        if (label == "weight init")
            qobject_cast<QComboBox*>(control)->setCurrentText("uniform_");
        else
            poke(control);
        QCOMPARE(p.edits, 1);
        QCOMPARE(p.text, text);
        QCOMPARE(p.key, key);
        QCOMPARE(p.key.isNull(), key.isNull());
    }

    void everyTableKeywordHasARow() {
        Panel p(train::seedExampleDesign());
        for (nn::OptimizerKeyword k : nn::optimizerKeywords()) {
            const QString name = nn::keywordName(k);
            QVERIFY2(p.field(name) || p.field(name + "[0]"), qPrintable(name));
        }
        for (nn::LossKeyword k : nn::lossKeywords())
            QVERIFY(p.field(nn::keywordName(k)));
        auto* datasets = qobject_cast<QComboBox*>(p.field("dataset"));
        QCOMPARE(datasets->count(), int(data::syntheticDatasetNames().size()));
        auto* losses = qobject_cast<QComboBox*>(p.field("loss"));
        for (int i = 0; i < losses->count(); ++i)
            QCOMPARE(losses->itemText(i).toStdString(), nn::lossTypeNames()[size_t(i)]);
        auto* optimizers = qobject_cast<QComboBox*>(p.field("optimizer"));
        for (int i = 0; i < optimizers->count(); ++i)
            QCOMPARE(optimizers->itemText(i).toStdString(), nn::optimizerTypeNames()[size_t(i)]);
    }
};

QTEST_MAIN(TestSettingsPanel)
#include "tst_settings_panel.moc"
