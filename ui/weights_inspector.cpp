#include "ui/weights_inspector.h"

#include "core/io/weights_file.h"
#include "ui/heatmap_widget.h"
#include "ui/theme.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace linearlab::ui {

using nn::Index;

namespace {

enum Column { kName, kDType, kShape, kMin, kMax, kColumns };

/// A tensor's shape as NumPy and the weight files' readers print it: (40, 20), (40,).
QString shapeText(const nn::Shape& shape) {
    return QString::fromStdString(nn::shapeTuple(shape));
}

/// The scroll area scrolls instead of squeezing a heatmap below its preferred height.
void keepSize(HeatmapWidget* h) {
    h->setMinimumHeight(h->sizeHint().height());
}

/// A row-major view of `rows` x `cols` floats, as the heatmaps take them.
Eigen::Map<const nn::Matrix<float>> view(const float* data, Index rows, Index cols) {
    return Eigen::Map<const nn::Matrix<float>>(data, rows, cols);
}

/// The values as the heatmaps and the min/max columns show them: float32.
std::vector<float> drawnValues(const io::NamedTensor& t) {
    return t.values.to<float>();
}

QTableWidgetItem* item(const QString& text) {
    auto* i = new QTableWidgetItem(text);
    i->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return i;
}

}  // namespace

WeightsInspector::WeightsInspector(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Inspect Weights"));
    auto* layout = new QVBoxLayout(this);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::makeErrorLabel(m_errorLabel);
    m_errorLabel->setVisible(false);
    layout->addWidget(m_errorLabel);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_table = new QTableWidget(0, kColumns, splitter);
    m_table->setTabKeyNavigation(false);  // Tab leaves the table; arrows move in it
    m_table->setHorizontalHeaderLabels(
        {tr("name"), tr("dtype"), tr("shape"), tr("min"), tr("max")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_scroll = new QScrollArea(splitter);
    m_scroll->setWidgetResizable(true);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({400, 600});
    layout->addWidget(splitter, 1);

    m_hoverLabel = new QLabel(this);
    m_hoverLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hoverLabel->setMinimumHeight(m_hoverLabel->fontMetrics().height());
    layout->addWidget(m_hoverLabel);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    // Picking a tensor in the list brings its heatmaps into view.
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && row < static_cast<int>(m_groups.size()))
            m_scroll->ensureWidgetVisible(m_groups[row], 0, 0);
    });
    resize(1000, 640);
}

bool WeightsInspector::openFile(const QString& path) {
    m_path = path;
    io::StateDict tensors;
    try {
        tensors = io::readWeights(path);
    } catch (const std::exception& e) {
        // The reader's message already names the file and what is wrong with it.
        clear();
        setWindowTitle(tr("Inspect Weights - %1").arg(QFileInfo(path).fileName()));
        showError(QString::fromUtf8(e.what()));
        return false;
    }
    setStateDict(tensors, QFileInfo(path).fileName());
    return true;
}

void WeightsInspector::setStateDict(const io::StateDict& tensors, const QString& source) {
    clear();
    setWindowTitle(tr("Inspect Weights - %1").arg(source));
    m_table->setRowCount(static_cast<int>(tensors.size()));
    m_heatmaps.resize(tensors.size());
    m_content = new QWidget;
    auto* contentLayout = new QVBoxLayout(m_content);
    for (int i = 0; i < static_cast<int>(tensors.size()); ++i) {
        const io::NamedTensor& t = tensors[i];
        m_table->setItem(i, kName, item(QString::fromStdString(t.name)));
        m_table->setItem(i, kDType, item(QString::fromStdString(t.dtype)));
        m_table->setItem(i, kShape, item(shapeText(t.shape)));
        if (!t.values.empty()) {
            const std::vector<float> drawn = drawnValues(t);
            const auto values = view(drawn.data(), 1, static_cast<Index>(drawn.size()));
            const float lo = values.minCoeff<Eigen::PropagateNumbers>();
            const float hi = values.maxCoeff<Eigen::PropagateNumbers>();
            m_table->setItem(i, kMin, item(QString::number(lo, 'g', 5)));
            m_table->setItem(i, kMax, item(QString::number(hi, 'g', 5)));
        }
        QWidget* group = groupFor(t, i);
        contentLayout->addWidget(group);
        m_groups.push_back(group);
    }
    if (tensors.empty())
        contentLayout->addWidget(new QLabel(tr("The file holds no tensors."), m_content));
    contentLayout->addStretch(1);
    m_scroll->setWidget(m_content);
}

QWidget* WeightsInspector::groupFor(const io::NamedTensor& t, int index) {
    const QString name = QString::fromStdString(t.name);
    auto* group = new QGroupBox(
        QStringLiteral("%1  %2  %3").arg(name, QString::fromStdString(t.dtype), shapeText(t.shape)),
        m_content);
    auto* layout = new QVBoxLayout(group);
    std::vector<HeatmapWidget*>& maps = m_heatmaps[index];
    const Index rank = static_cast<Index>(t.shape.size());
    const auto numel = static_cast<long long>(t.values.size());
    auto track = [this, &maps](HeatmapWidget* h) {
        connect(h, &HeatmapWidget::hoverTextChanged, m_hoverLabel, &QLabel::setText);
        maps.push_back(h);
        return h;
    };

    if (rank < 1 || rank > 3 || numel == 0) {
        layout->addWidget(new QLabel(
            tr("no heatmap for a %1-D tensor with %2 elements").arg(rank).arg(numel), group));
        return group;
    }
    if (numel > kMaxDrawnElements) {
        layout->addWidget(new QLabel(
            tr("too large to draw: %1 elements (at most %2)").arg(numel).arg(kMaxDrawnElements),
            group));
        return group;
    }
    // Heatmaps draw float32; a float64 tensor is rounded for drawing only.
    const std::vector<float> drawn = drawnValues(t);
    // A state dict's 2-D weight is nn.Linear's (out_features, in_features).
    const bool weight = name.endsWith(QStringLiteral(".weight"));
    if (rank == 1) {
        auto* h = track(new HeatmapWidget(group));
        h->setVector(view(drawn.data(), 1, t.shape[0]), name);
        h->setAxisTitles(name.endsWith(QStringLiteral(".bias")) ? tr("output j") : tr("index i"),
                         {});
        h->setMinimumCellSize(HeatmapWidget::kHoverableCell);
        keepSize(h);
        layout->addWidget(h, 0, Qt::AlignLeft);
        return group;
    }
    if (rank == 2) {
        auto* h = track(new HeatmapWidget(group));
        h->setMatrix(view(drawn.data(), t.shape[0], t.shape[1]), name);
        if (weight)
            h->setAxisTitles(tr("output j"), tr("input i"));
        else
            h->setAxisTitles(tr("dim 0"), tr("dim 1"));
        h->setMinimumCellSize(HeatmapWidget::kHoverableCell);
        keepSize(h);
        layout->addWidget(h);
        return group;
    }

    // 3-D: small multiples, one (d1, d2) slice per index of the first dimension,
    // all on the tensor's scale so their colours compare.
    const Index rows = t.shape[1], cols = t.shape[2];
    const float scale = view(drawn.data(), 1, numel).cwiseAbs().maxCoeff<Eigen::PropagateNumbers>();
    const int shown = static_cast<int>(std::min<Index>(t.shape[0], kMaxSlices));
    const int columns = std::max(1, static_cast<int>(std::ceil(std::sqrt(shown))));
    auto* grid = new QGridLayout;
    grid->setSpacing(2);
    for (int k = 0; k < shown; ++k) {
        auto* h = track(new HeatmapWidget(group));
        h->setColorBarVisible(false);  // the shared scale is written once, below
        h->setPreferredCellSize(4);
        h->setAbsMax(scale > 0 ? scale : 0);
        h->setMatrix(view(drawn.data() + k * rows * cols, rows, cols), name, k);
        h->setToolTip(tr("%1[%2]").arg(name).arg(k));
        keepSize(h);
        grid->addWidget(h, k / columns, k % columns);
    }
    auto* row = new QHBoxLayout;
    row->addLayout(grid);
    row->addStretch(1);
    layout->addLayout(row);
    QString note = tr("one slice %1[k] per k (rows input1 i, columns input2 j), all on the "
                      "scale \u00b1%2")
                       .arg(name)
                       .arg(QString::number(static_cast<double>(scale), 'g', 3));
    if (t.shape[0] > shown)
        note += tr("; showing %1 of %2 slices").arg(shown).arg(t.shape[0]);
    layout->addWidget(new QLabel(note, group));
    return group;
}

std::vector<HeatmapWidget*> WeightsInspector::heatmaps(int index) const {
    if (index < 0 || index >= static_cast<int>(m_heatmaps.size()))
        return {};
    return m_heatmaps[index];
}

void WeightsInspector::clear() {
    m_error.clear();
    m_errorLabel->clear();
    m_errorLabel->setVisible(false);
    m_hoverLabel->clear();
    m_table->setRowCount(0);
    m_groups.clear();
    m_heatmaps.clear();
    m_content = nullptr;
    delete m_scroll->takeWidget();
}

void WeightsInspector::showError(const QString& message) {
    m_error = message;
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(true);
}

}  // namespace linearlab::ui
