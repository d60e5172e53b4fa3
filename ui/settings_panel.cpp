#include "ui/settings_panel.h"

#include "core/data/synthetic_datasets.h"
#include "core/nn/loss_factory.h"
#include "core/nn/optimizer_factory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <array>
#include <cmath>

namespace linearlab::ui {

namespace {

// The speed slider's stops, in steps per second; one past the end is "no limit".
constexpr std::array<double, 10> kSpeeds{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

QSpinBox* intBox(int min, int max) {
    auto* box = new QSpinBox;
    box->setRange(min, max);
    box->setKeyboardTracking(false);
    return box;
}

QDoubleSpinBox* realBox(double min, double max, int decimals, double step) {
    auto* box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setKeyboardTracking(false);
    return box;
}

void setRowVisible(QWidget* field, bool visible) {
    if (auto* form = qobject_cast<QFormLayout*>(field->parentWidget()->layout()))
        form->setRowVisible(field, visible);
}

bool isTeacher(const std::string& dataset) {
    return dataset == "teacher" || dataset == "bilinear-teacher";
}

/// Input width of a generated dataset.
nn::Index datasetFeatures(const data::SyntheticOptions& s) {
    if (isTeacher(s.dataset))
        return s.in_features;
    return s.dataset == "sine" ? 1 : 2;
}

}  // namespace

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_form = new QWidget;
    auto* layout = new QVBoxLayout(m_form);
    layout->setContentsMargins(4, 4, 4, 4);
    scroll->setWidget(m_form);
    outer->addWidget(scroll);

    // --- Data ---
    auto* dataGroup = new QGroupBox(tr("Data"), m_form);
    auto* data = new QFormLayout(dataGroup);
    m_dataset = new QComboBox;
    for (const auto& name : data::syntheticDatasetNames())
        m_dataset->addItem(QString::fromStdString(name));
    data->addRow(tr("dataset"), m_dataset);
    auto* fileRow = new QWidget;
    auto* fileLayout = new QHBoxLayout(fileRow);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    auto* importCsv = new QPushButton(tr("Import CSV..."));
    m_clearFile = new QPushButton(tr("Use dataset"));
    m_clearFile->setToolTip(tr("Train on the generated dataset again instead of the file"));
    fileLayout->addWidget(importCsv);
    fileLayout->addWidget(m_clearFile);
    data->addRow(tr("file"), fileRow);
    m_file = new QLabel;
    m_file->setWordWrap(true);
    data->addRow(QString(), m_file);
    m_samples = intBox(1, 10'000'000);
    data->addRow(tr("samples"), m_samples);
    m_dataSeed = intBox(0, INT_MAX);
    data->addRow(tr("data seed"), m_dataSeed);
    m_noise = realBox(-0.001, 100, 3, 0.01);
    m_noise->setSpecialValueText(tr("default"));
    data->addRow(tr("noise"), m_noise);
    m_classes = intBox(2, 64);
    data->addRow(tr("classes"), m_classes);
    m_inputFeatures = intBox(1, 1 << 20);
    data->addRow(tr("in_features"), m_inputFeatures);
    m_teacherOut = intBox(1, 1 << 20);
    data->addRow(tr("teacher out_features"), m_teacherOut);
    m_split = realBox(0, 0.95, 2, 0.05);
    data->addRow(tr("validation_split"), m_split);
    layout->addWidget(dataGroup);

    // --- Batches ---
    auto* batchGroup = new QGroupBox(tr("DataLoader"), m_form);
    auto* batch = new QFormLayout(batchGroup);
    m_batch = intBox(1, 1 << 20);
    batch->addRow(tr("batch_size"), m_batch);
    m_shuffle = new QCheckBox;
    batch->addRow(tr("shuffle"), m_shuffle);
    m_dropLast = new QCheckBox;
    batch->addRow(tr("drop_last"), m_dropLast);
    m_epochs = intBox(0, 1'000'000);
    m_epochs->setSpecialValueText(tr("no limit"));
    batch->addRow(tr("epochs"), m_epochs);
    layout->addWidget(batchGroup);

    // --- Loss and optimizer ---
    auto* optGroup = new QGroupBox(tr("Loss and optimizer"), m_form);
    auto* opt = new QFormLayout(optGroup);
    m_loss = new QComboBox;
    for (const auto& name : nn::lossTypeNames())
        m_loss->addItem(QString::fromStdString(name));
    opt->addRow(tr("loss"), m_loss);
    m_huberDelta = realBox(1e-6, 1e6, 4, 0.1);
    opt->addRow(tr("delta"), m_huberDelta);
    m_optimizer = new QComboBox;
    for (const auto& name : nn::optimizerTypeNames())
        m_optimizer->addItem(QString::fromStdString(name));
    opt->addRow(tr("optimizer"), m_optimizer);
    m_lr = realBox(1e-6, 100, 6, 0.001);
    opt->addRow(tr("lr"), m_lr);
    m_momentum = realBox(0, 0.999, 3, 0.05);
    opt->addRow(tr("momentum"), m_momentum);
    m_beta1 = realBox(0, 0.9999, 4, 0.01);
    opt->addRow(tr("betas[0]"), m_beta1);
    m_beta2 = realBox(0, 0.99999, 5, 0.001);
    opt->addRow(tr("betas[1]"), m_beta2);
    m_weightDecay = realBox(0, 10, 5, 0.0001);
    opt->addRow(tr("weight_decay"), m_weightDecay);
    // The rest of each optimizer's keywords, shown for the optimizers that take them.
    m_dampening = realBox(0, 1, 3, 0.05);
    opt->addRow(tr("dampening"), m_dampening);
    m_nesterov = new QCheckBox;
    opt->addRow(tr("nesterov"), m_nesterov);
    m_alpha = realBox(0, 1, 4, 0.01);
    opt->addRow(tr("alpha"), m_alpha);
    m_eps = realBox(0, 1, 10, 1e-8);
    opt->addRow(tr("eps"), m_eps);
    m_amsgrad = new QCheckBox;
    opt->addRow(tr("amsgrad"), m_amsgrad);
    m_centered = new QCheckBox;
    opt->addRow(tr("centered"), m_centered);
    layout->addWidget(optGroup);

    // --- Init, seed, speed ---
    auto* initGroup = new QGroupBox(tr("Initialisation"), m_form);
    auto* init = new QFormLayout(initGroup);
    m_init = new QComboBox;
    for (const auto& s : nn::initSchemes())
        m_init->addItem(QString::fromStdString(s));
    m_init->setToolTip(
        tr("Every layer's weight init; a layer's own choice (in the node editor) "
           "wins"));
    init->addRow(tr("weight init"), m_init);
    m_seed = intBox(0, INT_MAX);
    m_seed->setToolTip(tr("torch.manual_seed before the layers are built"));
    init->addRow(tr("seed"), m_seed);
    auto* resetWeights = new QPushButton(tr("Reset weights"));
    resetWeights->setToolTip(tr("Back to the seeded initial weights (a new run)"));
    init->addRow(QString(), resetWeights);
    layout->addWidget(initGroup);

    auto* speedGroup = new QGroupBox(tr("Speed"), m_form);
    auto* speed = new QHBoxLayout(speedGroup);
    m_speed = new QSlider(Qt::Horizontal);
    m_speed->setRange(0, static_cast<int>(kSpeeds.size()));
    m_speed->setValue(static_cast<int>(kSpeeds.size()));
    m_speed->setToolTip(tr("Throttle training to watch it step by step"));
    m_speedLabel = new QLabel;
    m_speedLabel->setMinimumWidth(70);
    speed->addWidget(m_speed, 1);
    speed->addWidget(m_speedLabel);
    layout->addWidget(speedGroup);
    layout->addStretch(1);

    // --- Edits ---
    connect(m_dataset, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        change(tr("Set dataset to %1").arg(name), QString(), [&](train::Design& d) {
            d.data.synthetic.dataset = name.toStdString();
            d.data.file.clear();
            d.inputFeatures = datasetFeatures(d.data.synthetic);
        });
    });
    connect(importCsv, &QPushButton::clicked, this, &SettingsPanel::importCsvRequested);
    connect(m_clearFile, &QPushButton::clicked, this, [this] {
        change(tr("Use the generated dataset"), QString(), [](train::Design& d) {
            d.data.file.clear();
            d.data.target.clear();
            d.inputFeatures = datasetFeatures(d.data.synthetic);
        });
    });
    connect(m_samples, &QSpinBox::valueChanged, this, [this](int v) {
        change(tr("Set samples"), QStringLiteral("samples"),
               [&](train::Design& d) { d.data.synthetic.samples = v; });
    });
    connect(m_dataSeed, &QSpinBox::valueChanged, this, [this](int v) {
        change(tr("Set data seed"), QStringLiteral("data seed"),
               [&](train::Design& d) { d.data.synthetic.seed = static_cast<uint64_t>(v); });
    });
    connect(m_noise, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        change(tr("Set noise"), QStringLiteral("noise"), [&](train::Design& d) {
            if (v < 0)
                d.data.synthetic.noise.reset();
            else
                d.data.synthetic.noise = v;
        });
    });
    connect(m_classes, &QSpinBox::valueChanged, this, [this](int v) {
        change(tr("Set classes"), QStringLiteral("classes"),
               [&](train::Design& d) { d.data.synthetic.classes = v; });
    });
    connect(m_inputFeatures, &QSpinBox::valueChanged, this, [this](int v) {
        change(tr("Set in_features of the data"), QStringLiteral("input features"),
               [&](train::Design& d) {
                   d.inputFeatures = v;
                   d.data.synthetic.in_features = v;
               });
    });
    connect(m_teacherOut, &QSpinBox::valueChanged, this, [this](int v) {
        change(tr("Set the teacher's out_features"), QStringLiteral("teacher out"),
               [&](train::Design& d) { d.data.synthetic.out_features = v; });
    });
    connect(m_split, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        change(tr("Set validation_split"), QStringLiteral("split"),
               [&](train::Design& d) { d.data.validation_split = v; });
    });
    connect(m_batch, &QSpinBox::valueChanged, this, [this](int v) {
        change(tr("Set batch_size"), QStringLiteral("batch"),
               [&](train::Design& d) { d.batch.size = v; });
    });
    connect(m_shuffle, &QCheckBox::toggled, this, [this](bool on) {
        change(tr("Set shuffle"), QString(), [&](train::Design& d) { d.batch.shuffle = on; });
    });
    connect(m_dropLast, &QCheckBox::toggled, this, [this](bool on) {
        change(tr("Set drop_last"), QString(), [&](train::Design& d) { d.batch.drop_last = on; });
    });
    connect(m_epochs, &QSpinBox::valueChanged, this, [this](int v) {
        change(tr("Set epochs"), QStringLiteral("epochs"),
               [&](train::Design& d) { d.train.epochs = v; });
    });
    connect(m_loss, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        change(tr("Set loss to %1").arg(name), QString(), [&](train::Design& d) {
            d.loss = name.toStdString();
            d.lossOptions = {};
        });
    });
    connect(m_optimizer, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        change(tr("Set optimizer to %1").arg(name), QString(), [&](train::Design& d) {
            // A fresh set of keywords: what one optimizer takes, another rejects.
            nn::OptimizerOptions o;
            o.type = name.toStdString();
            o.lr = d.optimizer.lr;
            if (!o.lr)
                o.lr = o.type == "SGD" ? 0.01 : (o.type == "RMSprop" ? 0.01 : 0.001);
            d.optimizer = o;
        });
    });
    connect(m_lr, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        change(tr("Set lr"), QStringLiteral("lr"), [&](train::Design& d) { d.optimizer.lr = v; });
    });
    connect(m_momentum, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        change(tr("Set momentum"), QStringLiteral("momentum"),
               [&](train::Design& d) { d.optimizer.momentum = v; });
    });
    connect(m_beta1, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        change(tr("Set betas"), QStringLiteral("beta1"), [&](train::Design& d) {
            auto betas = d.optimizer.betas.value_or(std::array<double, 2>{0.9, 0.999});
            betas[0] = v;
            d.optimizer.betas = betas;
        });
    });
    connect(m_beta2, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        change(tr("Set betas"), QStringLiteral("beta2"), [&](train::Design& d) {
            auto betas = d.optimizer.betas.value_or(std::array<double, 2>{0.9, 0.999});
            betas[1] = v;
            d.optimizer.betas = betas;
        });
    });
    connect(m_weightDecay, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        change(tr("Set weight_decay"), QStringLiteral("weight_decay"),
               [&](train::Design& d) { d.optimizer.weight_decay = v; });
    });
    connect(m_huberDelta, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        change(tr("Set delta"), QStringLiteral("delta"),
               [&](train::Design& d) { d.lossOptions.delta = v; });
    });
    connect(m_dampening, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        change(tr("Set dampening"), QStringLiteral("dampening"),
               [&](train::Design& d) { d.optimizer.dampening = v; });
    });
    connect(m_nesterov, &QCheckBox::toggled, this, [this](bool on) {
        change(tr("Set nesterov"), QString(), [&](train::Design& d) { d.optimizer.nesterov = on; });
    });
    connect(m_alpha, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        change(tr("Set alpha"), QStringLiteral("alpha"),
               [&](train::Design& d) { d.optimizer.alpha = v; });
    });
    connect(m_eps, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        change(tr("Set eps"), QStringLiteral("eps"),
               [&](train::Design& d) { d.optimizer.eps = v; });
    });
    connect(m_amsgrad, &QCheckBox::toggled, this, [this](bool on) {
        change(tr("Set amsgrad"), QString(), [&](train::Design& d) { d.optimizer.amsgrad = on; });
    });
    connect(m_centered, &QCheckBox::toggled, this, [this](bool on) {
        change(tr("Set centered"), QString(), [&](train::Design& d) { d.optimizer.centered = on; });
    });
    connect(m_init, &QComboBox::currentTextChanged, this, [this](const QString& scheme) {
        change(tr("Set weight init to %1").arg(scheme), QString(), [&](train::Design& d) {
            nn::InitSpec init;
            init.scheme = scheme.toStdString();
            d.weightInit = init;
        });
    });
    connect(m_seed, &QSpinBox::valueChanged, this, [this](int v) {
        change(tr("Set seed"), QStringLiteral("seed"),
               [&](train::Design& d) { d.seed = static_cast<uint64_t>(v); });
    });
    connect(resetWeights, &QPushButton::clicked, this, &SettingsPanel::resetWeightsRequested);
    connect(m_speed, &QSlider::valueChanged, this, [this] {
        const double limit = maxStepsPerSecond();
        m_speedLabel->setText(limit > 0 ? tr("%1 steps/s").arg(limit) : tr("no limit"));
        emit speedChanged(limit);
    });
    m_speedLabel->setText(tr("no limit"));
    setDesign(m_design);
}

double SettingsPanel::maxStepsPerSecond() const {
    const int v = m_speed->value();
    return v < static_cast<int>(kSpeeds.size()) ? kSpeeds[static_cast<size_t>(v)] : 0.0;
}

void SettingsPanel::change(const QString& text, const QString& key,
                           const std::function<void(train::Design&)>& edit) {
    if (m_updating)
        return;
    train::Design after = m_design;
    edit(after);
    emit designEdited(after, text, key);
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
    const auto& o = design.optimizer;
    m_optimizer->setCurrentText(QString::fromStdString(o.type));
    m_lr->setValue(o.lr.value_or(o.type == "Adam" || o.type == "AdamW" ? 1e-3 : 1e-2));
    m_momentum->setValue(o.momentum.value_or(0));
    const auto betas = o.betas.value_or(std::array<double, 2>{0.9, 0.999});
    m_beta1->setValue(betas[0]);
    m_beta2->setValue(betas[1]);
    m_weightDecay->setValue(o.weight_decay.value_or(o.type == "AdamW" ? 1e-2 : 0));
    m_dampening->setValue(o.dampening.value_or(0));
    m_nesterov->setChecked(o.nesterov.value_or(false));
    m_alpha->setValue(o.alpha.value_or(0.99));
    m_eps->setValue(o.eps.value_or(1e-8));
    m_amsgrad->setChecked(o.amsgrad.value_or(false));
    m_centered->setChecked(o.centered.value_or(false));
    m_huberDelta->setValue(design.lossOptions.delta.value_or(1.0));
    m_init->setCurrentText(QString::fromStdString(design.weightInit.scheme));
    m_seed->setValue(static_cast<int>(design.seed));
    updateVisibility();
    m_updating = false;
}

void SettingsPanel::updateVisibility() {
    const auto& s = m_design.data.synthetic;
    const bool hasFile = !m_design.data.file.empty();
    setRowVisible(m_samples, !hasFile);
    setRowVisible(m_dataSeed, !hasFile);
    setRowVisible(m_noise, !hasFile);
    setRowVisible(m_classes, !hasFile && (s.dataset == "blobs" || s.dataset == "spiral"));
    setRowVisible(m_inputFeatures, !hasFile && isTeacher(s.dataset));
    setRowVisible(m_teacherOut, !hasFile && isTeacher(s.dataset));
    const std::string& t = m_design.optimizer.type;
    setRowVisible(m_momentum, t == "SGD" || t == "RMSprop");
    setRowVisible(m_beta1, t == "Adam" || t == "AdamW");
    setRowVisible(m_beta2, t == "Adam" || t == "AdamW");
    setRowVisible(m_dampening, t == "SGD");
    setRowVisible(m_nesterov, t == "SGD");
    setRowVisible(m_alpha, t == "RMSprop");
    setRowVisible(m_eps, t != "SGD");
    setRowVisible(m_amsgrad, t == "Adam" || t == "AdamW");
    setRowVisible(m_centered, t == "RMSprop");
    setRowVisible(m_huberDelta, m_design.loss == "HuberLoss");
}

}  // namespace linearlab::ui
