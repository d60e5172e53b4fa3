#include "ui/settings_panel.h"

#include "core/data/synthetic_dataset_table.h"
#include "core/nn/loss_table.h"
#include "core/nn/optimizer_table.h"
#include "core/nn/python_format.h"
#include "ui/fit_width_scroll_area.h"
#include "ui/flow_layout.h"
#include "ui/scheduler_settings.h"
#include "ui/settings_widgets.h"
#include "ui/speed_control.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <array>
#include <climits>
#include <variant>

namespace linearlab::ui {

namespace {

/// The panel's optimizer rows in its order, the keywords most optimizers share
/// first: a spin box per number (betas: per component), a check box for a flag.
/// Which rows show and their values come from the optimizer table.
struct OptimizerControl {
    nn::OptimizerKeyword keyword;
    std::vector<NumberControl> numbers;
};

const std::vector<OptimizerControl>& optimizerControls() {
    using K = nn::OptimizerKeyword;
    static const std::vector<OptimizerControl> controls{
        {K::lr, {{1e-6, 100, 6, 0.001, "lr"}}},
        {K::momentum, {{0, 0.999, 3, 0.05, "momentum"}}},
        {K::betas, {{0, 0.9999, 4, 0.01, "beta1"}, {0, 0.99999, 5, 0.001, "beta2"}}},
        {K::weight_decay, {{0, 10, 5, 0.0001, "weight_decay"}}},
        {K::dampening, {{0, 1, 3, 0.05, "dampening"}}},
        {K::nesterov, {}},
        {K::alpha, {{0, 1, 4, 0.01, "alpha"}}},
        {K::eps, {{0, 1, 10, 1e-8, "eps"}}},
        {K::amsgrad, {}},
        {K::centered, {}},
        {K::lr_decay, {{0, 10, 5, 0.001, "lr_decay"}}},
        {K::initial_accumulator_value, {{0, 1000, 4, 0.1, "initial_accumulator_value"}}},
        {K::momentum_decay, {{0, 1, 4, 0.001, "momentum_decay"}}},
        {K::maximize, {}},
    };
    return controls;
}

/// How the panel edits each loss keyword, in the panel's order; the widget follows
/// the keyword's kind (a choice box, a spin box, a line of numbers), and which rows
/// show and their values come from the loss table.
struct LossControl {
    nn::LossKeyword keyword;
    NumberControl number;  ///< a spin box's range, for an integer or a number
};

const std::vector<LossControl>& lossControls() {
    using K = nn::LossKeyword;
    static const std::vector<LossControl> controls{
        {K::reduction, {}},
        {K::weight, {}},
        {K::ignore_index, {-1000000, 1000000, 0, 1, "ignore_index"}},
        {K::label_smoothing, {0, 1, 3, 0.05, "label_smoothing"}},
        {K::pos_weight, {}},
        {K::delta, {1e-6, 1e6, 4, 0.1, "delta"}},
    };
    return controls;
}

}  // namespace

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    setAccessibleName(tr("Settings"));
    auto* scroll = new FitWidthScrollArea(this);
    scroll->setAccessibleName(tr("Settings"));
    scroll->setFrameShape(QFrame::NoFrame);
    m_form = new QWidget;
    auto* layout = new QVBoxLayout(m_form);
    layout->setContentsMargins(4, 4, 4, 4);
    scroll->setContent(m_form);
    outer->addWidget(scroll);

    layout->addWidget(buildDataGroup());
    layout->addWidget(buildDataLoaderGroup());
    layout->addWidget(buildLossAndOptimizerGroup());
    m_scheduler = new SchedulerSettings(m_form);
    layout->addWidget(m_scheduler);
    connect(m_scheduler, &SchedulerSettings::schedulerEdited, this,
            [this](const train::SchedulerOptions& after, const QString& text, const QString& key) {
                change(text, key, [&](train::Design& d) { d.scheduler = after; });
            });
    layout->addWidget(buildInitGroup());
    layout->addWidget(buildSpeedGroup());
    layout->addStretch(1);
    setDesign(m_design);
}

QWidget* SettingsPanel::buildDataGroup() {
    auto* group = new QGroupBox(tr("Data"), m_form);
    auto* form = new QFormLayout(group);
    m_dataset = choiceBox(data::syntheticDatasetNames());
    form->addRow(tr("dataset"), m_dataset);
    auto* fileRow = new QWidget;
    auto* fileLayout = new FlowLayout(fileRow);  // the buttons stack in a narrow dock
    fileLayout->setContentsMargins(0, 0, 0, 0);
    m_importCsv = new QPushButton(tr("Import CSV..."));
    m_clearFile = new QPushButton(tr("Use dataset"));
    m_clearFile->setToolTip(tr("Train on the generated dataset again instead of the file"));
    fileLayout->addWidget(m_importCsv);
    fileLayout->addWidget(m_clearFile);
    form->addRow(tr("file"), fileRow);
    m_file = new QLabel;
    m_file->setWordWrap(true);
    form->addRow(QString(), m_file);
    m_samples = intBox(1, 10'000'000);
    form->addRow(tr("samples"), m_samples);
    m_dataSeed = intBox(0, INT_MAX);
    form->addRow(tr("data seed"), m_dataSeed);
    m_noise = realBox(-0.001, 100, 3, 0.01);
    m_noise->setSpecialValueText(tr("default"));
    form->addRow(tr("noise"), m_noise);
    m_classes = intBox(2, 64);
    form->addRow(tr("classes"), m_classes);
    m_inputFeatures = intBox(1, 1 << 20);
    form->addRow(tr("in_features"), m_inputFeatures);
    m_teacherOut = intBox(1, 1 << 20);
    form->addRow(tr("teacher out_features"), m_teacherOut);
    m_split = realBox(0, 0.95, 2, 0.05);
    form->addRow(tr("validation_split"), m_split);

    m_dataError = errorLabel(QStringLiteral("dataError"));
    form->addRow(m_dataError);

    bindChoice(m_dataset, tr("Set dataset to %1"), [](train::Design& d, const std::string& name) {
        d.data.synthetic.dataset = name;
        d.data.file.clear();
        d.inputFeatures = data::inputFeatures(d.data.synthetic);
    });
    connect(m_importCsv, &QPushButton::clicked, this, &SettingsPanel::importCsvRequested);
    connect(m_clearFile, &QPushButton::clicked, this, [this] {
        change(tr("Use the generated dataset"), QString(), [](train::Design& d) {
            d.data.file.clear();
            d.data.target.clear();
            d.inputFeatures = data::inputFeatures(d.data.synthetic);
        });
    });
    bindInt(m_samples, tr("Set samples"), QStringLiteral("samples"),
            [](train::Design& d, int v) { d.data.synthetic.samples = v; });
    bindInt(m_dataSeed, tr("Set data seed"), QStringLiteral("data seed"),
            [](train::Design& d, int v) { d.data.synthetic.seed = static_cast<uint64_t>(v); });
    // Below the range's real part is "default": the dataset's own noise.
    bindDouble(m_noise, tr("Set noise"), QStringLiteral("noise"), [](train::Design& d, double v) {
        if (v < 0)
            d.data.synthetic.noise.reset();
        else
            d.data.synthetic.noise = v;
    });
    bindInt(m_classes, tr("Set classes"), QStringLiteral("classes"),
            [](train::Design& d, int v) { d.data.synthetic.classes = v; });
    bindInt(m_inputFeatures, tr("Set in_features of the data"), QStringLiteral("input features"),
            [](train::Design& d, int v) {
                d.inputFeatures = v;
                d.data.synthetic.in_features = v;
            });
    bindInt(m_teacherOut, tr("Set the teacher's out_features"), QStringLiteral("teacher out"),
            [](train::Design& d, int v) { d.data.synthetic.out_features = v; });
    bindDouble(m_split, tr("Set validation_split"), QStringLiteral("split"),
               [](train::Design& d, double v) { d.data.validation_split = v; });
    return group;
}

QWidget* SettingsPanel::buildDataLoaderGroup() {
    auto* group = new QGroupBox(tr("DataLoader"), m_form);
    auto* form = new QFormLayout(group);
    m_batch = intBox(1, 1 << 20);
    form->addRow(tr("batch_size"), m_batch);
    m_shuffle = new QCheckBox;
    form->addRow(tr("shuffle"), m_shuffle);
    m_dropLast = new QCheckBox;
    form->addRow(tr("drop_last"), m_dropLast);
    m_epochs = intBox(0, 1'000'000);
    m_epochs->setSpecialValueText(tr("no limit"));
    form->addRow(tr("epochs"), m_epochs);
    m_batchError = errorLabel(QStringLiteral("batchError"));
    form->addRow(m_batchError);

    bindInt(m_batch, tr("Set batch_size"), QStringLiteral("batch"),
            [](train::Design& d, int v) { d.batch.size = v; });
    bindBool(m_shuffle, tr("Set shuffle"), QString(),
             [](train::Design& d, bool on) { d.batch.shuffle = on; });
    bindBool(m_dropLast, tr("Set drop_last"), QString(),
             [](train::Design& d, bool on) { d.batch.drop_last = on; });
    bindInt(m_epochs, tr("Set epochs"), QStringLiteral("epochs"),
            [](train::Design& d, int v) { d.train.epochs = v; });
    return group;
}

QWidget* SettingsPanel::buildLossAndOptimizerGroup() {
    auto* group = new QGroupBox(tr("Loss and optimizer"), m_form);
    auto* form = new QFormLayout(group);
    m_loss = choiceBox(nn::lossTypeNames());
    form->addRow(tr("loss"), m_loss);
    bindChoice(m_loss, tr("Set loss to %1"), [](train::Design& d, const std::string& name) {
        d.loss = name;
        d.lossOptions = {};
    });
    for (const LossControl& control : lossControls()) {
        const nn::LossKeyword k = control.keyword;
        const QString name = QString::fromLatin1(nn::keywordName(k));
        const NumberControl& c = control.number;
        QWidget* field = nullptr;
        switch (nn::keywordKind(k)) {
            case nn::LossValueKind::Choice: {
                auto* box = choiceBox(nn::reductionChoices());
                bindChoice(box, tr("Set %1 to %2").arg(name, QStringLiteral("%1")),
                           [k](train::Design& d, const std::string& v) {
                               nn::setKeywordValue(d.lossOptions, k, v);
                           });
                field = box;
                break;
            }
            case nn::LossValueKind::Integer: {
                auto* box = intBox(static_cast<int>(c.min), static_cast<int>(c.max));
                bindInt(box, tr("Set %1").arg(name), QString::fromLatin1(c.mergeKey),
                        [k](train::Design& d, int v) {
                            nn::setKeywordValue(d.lossOptions, k, static_cast<long long>(v));
                        });
                field = box;
                break;
            }
            case nn::LossValueKind::Number: {
                auto* box = realBox(c);
                bindDouble(
                    box, tr("Set %1").arg(name), QString::fromLatin1(c.mergeKey),
                    [k](train::Design& d, double v) { nn::setKeywordValue(d.lossOptions, k, v); });
                field = box;
                break;
            }
            case nn::LossValueKind::Numbers: {
                // A 1-D tensor as "1, 0.5"; empty is None, torch's default.
                auto* edit = new QLineEdit;
                edit->setPlaceholderText(QStringLiteral("None"));
                connect(edit, &QLineEdit::editingFinished, this, [this, edit, k, name] {
                    bool ok = true;
                    const auto values = numberList(edit->text(), ok);
                    const auto shown = nn::keywordValue(m_design.lossOptions, k);
                    if (!ok) {  // not numbers: back to what the design holds
                        edit->setText(shown ? numberListText(std::get<std::vector<double>>(*shown))
                                            : QString());
                        return;
                    }
                    if (values == (shown ? std::optional(std::get<std::vector<double>>(*shown))
                                         : std::nullopt))
                        return;
                    change(tr("Set %1").arg(name), QString(), [&](train::Design& d) {
                        nn::setKeywordValue(
                            d.lossOptions, k,
                            values ? std::optional<nn::LossValue>(*values) : std::nullopt);
                    });
                });
                field = edit;
                break;
            }
        }
        form->addRow(name, field);
        m_lossRows.push_back({k, field});
    }

    m_optimizer = choiceBox(nn::optimizerTypeNames());
    form->addRow(tr("optimizer"), m_optimizer);
    bindChoice(m_optimizer, tr("Set optimizer to %1"),
               [](train::Design& d, const std::string& name) {
                   // A fresh set of keywords: what one optimizer takes, another rejects.
                   // The rate carries over; without one, the new type's default is set.
                   nn::OptimizerOptions o;
                   o.type = name;
                   o.lr = d.optimizer.lr;
                   if (!o.lr)
                       nn::setKeywordValue(o, nn::OptimizerKeyword::lr,
                                           nn::keywordValueOrDefault(o, nn::OptimizerKeyword::lr));
                   d.optimizer = o;
               });
    for (const OptimizerControl& control : optimizerControls()) {
        const nn::OptimizerKeyword k = control.keyword;
        const QString name = QString::fromLatin1(nn::keywordName(k));
        const QString text = tr("Set %1").arg(name);
        OptimizerRow row{k, {}, nullptr};
        if (control.numbers.empty()) {
            row.flag = new QCheckBox;
            form->addRow(name, row.flag);
            bindBool(row.flag, text, QString(),
                     [k](train::Design& d, bool on) { nn::setKeywordValue(d.optimizer, k, on); });
        } else if (control.numbers.size() == 1) {
            const NumberControl& c = control.numbers[0];
            auto* box = realBox(c);
            row.numbers.push_back(box);
            form->addRow(name, box);
            bindDouble(box, text, QString::fromLatin1(c.mergeKey),
                       [k](train::Design& d, double v) { nn::setKeywordValue(d.optimizer, k, v); });
        } else {
            // A pair: each component edits its half, keeping the other as shown.
            for (size_t i = 0; i < control.numbers.size(); ++i) {
                const NumberControl& c = control.numbers[i];
                auto* box = realBox(c);
                row.numbers.push_back(box);
                form->addRow(QStringLiteral("%1[%2]").arg(name).arg(i), box);
                bindDouble(box, text, QString::fromLatin1(c.mergeKey),
                           [k, i](train::Design& d, double v) {
                               const auto shown = nn::keywordValueOrDefault(d.optimizer, k);
                               auto pair = shown ? std::get<std::array<double, 2>>(*shown)
                                                 : std::array<double, 2>{};
                               pair[i] = v;
                               nn::setKeywordValue(d.optimizer, k, pair);
                           });
            }
        }
        if (k == nn::OptimizerKeyword::lr)
            m_lr = row.numbers[0];
        m_optimizerRows.push_back(row);
    }
    return group;
}

QWidget* SettingsPanel::buildInitGroup() {
    auto* group = new QGroupBox(tr("Initialisation"), m_form);
    auto* form = new QFormLayout(group);
    m_init = choiceBox(nn::initSchemes());
    m_init->setToolTip(
        tr("Every layer's weight init; a layer's own choice (in the node editor) "
           "wins"));
    form->addRow(tr("weight init"), m_init);
    m_seed = intBox(0, INT_MAX);
    m_seed->setToolTip(tr("torch.manual_seed before the layers are built"));
    form->addRow(tr("seed"), m_seed);
    m_dtype = choiceBox({nn::dtypeName(nn::DType::Float32), nn::dtypeName(nn::DType::Float64)});
    m_dtype->setToolTip(tr("torch.set_default_dtype: what the network computes in"));
    form->addRow(tr("dtype"), m_dtype);
    m_resetWeights = new QPushButton(tr("Reset weights"));
    m_resetWeights->setToolTip(tr("Back to the seeded initial weights (a new run)"));
    form->addRow(QString(), m_resetWeights);

    bindChoice(m_init, tr("Set weight init to %1"),
               [](train::Design& d, const std::string& scheme) {
                   nn::InitSpec init;
                   init.scheme = scheme;
                   d.weightInit = init;
               });
    bindInt(m_seed, tr("Set seed"), QStringLiteral("seed"),
            [](train::Design& d, int v) { d.seed = static_cast<uint64_t>(v); });
    bindChoice(m_dtype, tr("Set dtype to %1"), [](train::Design& d, const std::string& name) {
        d.dtype = nn::dtypeNamed(name).value_or(nn::DType::Float32);
    });
    connect(m_resetWeights, &QPushButton::clicked, this, &SettingsPanel::resetWeightsRequested);
    return group;
}

QWidget* SettingsPanel::buildSpeedGroup() {
    auto* group = new QGroupBox(tr("Speed"), m_form);
    auto* speed = new QHBoxLayout(group);
    m_speed = new QSlider(Qt::Horizontal);
    m_speed->setRange(0, speedStopCount() - 1);
    m_speed->setValue(SpeedControl::defaultStop());
    m_speed->setToolTip(tr("Throttle training to watch it step by step"));
    m_speedLabel = new QLabel;
    m_speedLabel->setMinimumWidth(70);
    speed->addWidget(m_speed, 1);
    speed->addWidget(m_speedLabel);

    connect(m_speed, &QSlider::valueChanged, this, [this] {
        m_speedLabel->setText(speedText(m_speed->value()));
        emit speedChanged(maxStepsPerSecond());
    });
    m_speedLabel->setText(speedText(m_speed->value()));
    return group;
}

void SettingsPanel::bindInt(QSpinBox* box, const QString& text, const QString& key,
                            std::function<void(train::Design&, int)> set) {
    connect(box, &QSpinBox::valueChanged, this, [this, text, key, set](int v) {
        change(text, key, [&](train::Design& d) { set(d, v); });
    });
}

void SettingsPanel::bindDouble(QDoubleSpinBox* box, const QString& text, const QString& key,
                               std::function<void(train::Design&, double)> set) {
    connect(box, &QDoubleSpinBox::valueChanged, this, [this, text, key, set](double v) {
        change(text, key, [&](train::Design& d) { set(d, v); });
    });
}

void SettingsPanel::bindBool(QCheckBox* box, const QString& text, const QString& key,
                             std::function<void(train::Design&, bool)> set) {
    connect(box, &QCheckBox::toggled, this, [this, text, key, set](bool on) {
        change(text, key, [&](train::Design& d) { set(d, on); });
    });
}

void SettingsPanel::bindChoice(QComboBox* box, const QString& text,
                               std::function<void(train::Design&, const std::string&)> set) {
    connect(box, &QComboBox::currentTextChanged, this, [this, text, set](const QString& name) {
        change(text.arg(name), QString(), [&](train::Design& d) { set(d, name.toStdString()); });
    });
}

double SettingsPanel::maxStepsPerSecond() const {
    return stepsPerSecondAt(m_speed->value());
}

void SettingsPanel::change(const QString& text, const QString& key,
                           const std::function<void(train::Design&)>& edit) {
    if (m_updating)
        return;
    train::Design after = m_design;
    edit(after);
    emit designEdited(after, text, key);
}

void SettingsPanel::setFieldError(const QString& field, const QString& message) {
    // The group of the design section the field belongs to says it.
    const bool data = field.startsWith(QStringLiteral("data."));
    const bool batch = field.startsWith(QStringLiteral("batch."));
    m_dataError->setText(data ? message : QString());
    m_dataError->setVisible(data);
    m_batchError->setText(batch ? message : QString());
    m_batchError->setVisible(batch);
}

QString SettingsPanel::dataError() const {
    return m_dataError->text();
}

QString SettingsPanel::batchError() const {
    return m_batchError->text();
}

void SettingsPanel::setDesign(const train::Design& design) {
    m_updating = true;
    m_design = design;
    const auto& s = design.data.synthetic;
    m_dataset->setCurrentText(QString::fromStdString(s.dataset));
    const bool hasFile = !design.data.file.empty();
    m_file->setText(
        hasFile ? tr("%1 (target: %2)")
                      .arg(QFileInfo(QString::fromStdString(design.data.file)).fileName(),
                           design.data.target.empty() ? tr("last column")
                                                      : QString::fromStdString(design.data.target))
                : tr("none: the generated dataset"));
    m_clearFile->setEnabled(hasFile);
    m_samples->setValue(static_cast<int>(s.samples));
    m_dataSeed->setValue(static_cast<int>(s.seed));
    m_noise->setValue(s.noise ? *s.noise : m_noise->minimum());
    m_classes->setValue(static_cast<int>(s.classes));
    m_inputFeatures->setValue(static_cast<int>(design.inputFeatures));
    m_teacherOut->setValue(static_cast<int>(s.out_features));
    m_split->setValue(design.data.validation_split);
    m_batch->setValue(static_cast<int>(design.batch.size));
    m_shuffle->setChecked(design.batch.shuffle);
    m_dropLast->setChecked(design.batch.drop_last);
    m_epochs->setValue(static_cast<int>(design.train.epochs));
    m_loss->setCurrentText(QString::fromStdString(design.loss));
    showLossValues();
    m_optimizer->setCurrentText(QString::fromStdString(design.optimizer.type));
    showOptimizerValues();
    m_scheduler->setScheduler(design.scheduler);
    m_init->setCurrentText(QString::fromStdString(design.weightInit.scheme));
    m_seed->setValue(static_cast<int>(design.seed));
    m_dtype->setCurrentText(QString::fromLatin1(nn::dtypeName(design.dtype)));
    updateVisibility();
    m_updating = false;
}

void SettingsPanel::showLossValues() {
    for (const LossRow& row : m_lossRows) {
        const auto v = nn::keywordValueOrDefault(m_design.loss, m_design.lossOptions, row.keyword);
        if (auto* choice = qobject_cast<QComboBox*>(row.field))
            choice->setCurrentText(QString::fromStdString(v ? std::get<std::string>(*v) : "mean"));
        else if (auto* integer = qobject_cast<QSpinBox*>(row.field))
            integer->setValue(v ? static_cast<int>(std::get<long long>(*v)) : 0);
        else if (auto* number = qobject_cast<QDoubleSpinBox*>(row.field))
            number->setValue(v ? std::get<double>(*v) : number->minimum());
        else if (auto* list = qobject_cast<QLineEdit*>(row.field))
            list->setText(v ? numberListText(std::get<std::vector<double>>(*v)) : QString());
    }
}

void SettingsPanel::showOptimizerValues() {
    // A keyword the optimizer does not take keeps whatever its hidden row showed.
    for (const OptimizerRow& row : m_optimizerRows) {
        const auto value = nn::keywordValueOrDefault(m_design.optimizer, row.keyword);
        if (!value)
            continue;
        if (const auto* flag = std::get_if<bool>(&*value))
            row.flag->setChecked(*flag);
        else if (const auto* number = std::get_if<double>(&*value))
            row.numbers[0]->setValue(*number);
        else
            for (size_t i = 0; i < row.numbers.size(); ++i)
                row.numbers[i]->setValue(std::get<std::array<double, 2>>(*value)[i]);
    }
}

void SettingsPanel::updateVisibility() {
    const data::SyntheticDatasetInfo* dataset =
        data::findSyntheticDataset(m_design.data.synthetic.dataset);
    const bool generated = m_design.data.file.empty();
    setRowVisible(m_samples, generated);
    setRowVisible(m_dataSeed, generated);
    setRowVisible(m_noise, generated);
    setRowVisible(m_classes, generated && dataset && dataset->takesClasses);
    setRowVisible(m_inputFeatures, generated && dataset && dataset->takesFeatures);
    setRowVisible(m_teacherOut, generated && dataset && dataset->takesFeatures);

    const nn::LossInfo* loss = nn::findLoss(m_design.loss);
    for (const LossRow& row : m_lossRows)
        setRowVisible(row.field, loss && loss->takes(row.keyword));
    const nn::OptimizerInfo* optimizer = nn::findOptimizer(m_design.optimizer.type);
    for (const OptimizerRow& row : m_optimizerRows) {
        const bool takes = optimizer && optimizer->takes(row.keyword);
        if (row.flag)
            setRowVisible(row.flag, takes);
        for (QDoubleSpinBox* box : row.numbers)
            setRowVisible(box, takes);
    }
}

}  // namespace linearlab::ui
