#include "ui/geometry_lesson.h"

#include "ui/color_map.h"
#include "ui/geometry_plane.h"
#include "ui/output_view_widget.h"

#include "core/nn/collapse.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace linearlab::ui {

namespace {

constexpr int kSteps = 1000;  // slider steps per stage

QString num(double v) {
    return QString::number(v, 'g', 4).replace(QLatin1Char('-'), QChar(0x2212));
}

QString degrees(double radians) {
    return num(radians * 180 / M_PI) + QChar(0x00B0);
}

QString subscript(int i) {
    QString s;
    for (const QChar c : QString::number(i))
        s += QChar(0x2080 + c.digitValue());
    return s;
}

/// The angle a 2x2 rotation turns by.
double angleOf(const Eigen::MatrixXd& r) {
    return std::atan2(r(1, 0), r(0, 0));
}

/// The smallest rectangle holding every finite point of `sets`.
QRectF boundsOf(std::initializer_list<const std::vector<QPointF>*> sets) {
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (const std::vector<QPointF>* points : sets)
        for (const QPointF& q : *points)
            if (std::isfinite(q.x()) && std::isfinite(q.y())) {
                x0 = std::min(x0, q.x());
                x1 = std::max(x1, q.x());
                y0 = std::min(y0, q.y());
                y1 = std::max(y1, q.y());
            }
    return std::isfinite(x0) ? QRectF(QPointF(x0, y0), QPointF(x1, y1)) : QRectF();
}

}  // namespace

GeometryLesson::GeometryLesson(QWidget* parent) : LessonView(parent) {
    auto* layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget;
    layout->addWidget(m_pages);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("geometryMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setMargin(16);
    m_pages->addWidget(m_message);

    auto* view = new QWidget;
    auto* v = new QVBoxLayout(view);
    v->setContentsMargins(0, 0, 0, 0);
    auto* controls = new QHBoxLayout;
    m_node = new QComboBox;
    m_node->setObjectName(QStringLiteral("geometryNode"));
    m_dimX = new QComboBox;
    m_dimX->setObjectName(QStringLiteral("geometryDimX"));
    m_dimY = new QComboBox;
    m_dimY->setObjectName(QStringLiteral("geometryDimY"));
    controls->addWidget(new QLabel(tr("Plane after")));
    controls->addWidget(m_node, 1);
    controls->addWidget(new QLabel(tr("drawn in output dims")));
    controls->addWidget(m_dimX);
    controls->addWidget(m_dimY);
    v->addLayout(controls);

    m_plane = new GeometryPlane;
    v->addWidget(m_plane, 1);

    auto* morph = new QHBoxLayout;
    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName(QStringLiteral("geometryMorph"));
    m_slider->setRange(0, kSteps);
    m_slider->setValue(kSteps);
    m_stage = new QLabel;
    m_stage->setObjectName(QStringLiteral("geometryStage"));
    m_stage->setMinimumWidth(260);
    morph->addWidget(new QLabel(QStringLiteral("t")));
    morph->addWidget(m_slider, 1);
    morph->addWidget(m_stage);
    v->addLayout(morph);

    m_decomposition = new QLabel;
    m_decomposition->setObjectName(QStringLiteral("geometryDecomposition"));
    m_decomposition->setWordWrap(true);
    m_decomposition->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(m_decomposition);
    m_pages->addWidget(view);

    const auto changed = [this] { refresh(); };
    connect(m_node, &QComboBox::currentIndexChanged, this, [this] {
        // A new node: its own dims, and the whole of its map.
        m_dimX->clear();
        m_dimY->clear();
        m_slider->setValue(kSteps);
        refresh();
    });
    connect(m_dimX, &QComboBox::currentIndexChanged, this, changed);
    connect(m_dimY, &QComboBox::currentIndexChanged, this, changed);
    connect(m_slider, &QSlider::valueChanged, this, changed);
    showMessage(tr("Waiting for the first snapshot\u2026"));
}

void GeometryLesson::setDesign(const train::Design& design) {
    m_design = design;
    m_snapshot.reset();  // the old run's probe belongs to the old design
    rebuildNodes();
    refresh();
}

void GeometryLesson::setSelectedNode(int node) {
    m_selected = node;
    if (node >= 0 && node < m_node->count())
        m_node->setCurrentIndex(node);
}

void GeometryLesson::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    m_snapshot = std::move(snapshot);
    refresh();
}

int GeometryLesson::node() const {
    return m_node->currentIndex();
}

double GeometryLesson::morph() const {
    return static_cast<double>(m_slider->value()) / kSteps;
}

void GeometryLesson::setMorph(double t) {
    m_slider->setValue(static_cast<int>(std::lround(t * kSteps)));
}

QString GeometryLesson::messageText() const {
    return m_pages->currentWidget() == m_message ? m_message->text() : QString();
}

QString GeometryLesson::decompositionText() const {
    return m_decomposition->text();
}

void GeometryLesson::showMessage(const QString& text) {
    m_message->setText(text);
    m_pages->setCurrentWidget(m_message);
}

void GeometryLesson::rebuildNodes() {
    const QSignalBlocker block(m_node);
    m_node->clear();
    for (size_t i = 0; i < m_design.layers.size(); ++i)
        m_node->addItem(
            tr("node %1: %2").arg(i).arg(QString::fromStdString(m_design.layers[i].type)));
    // The selected node, else the first Linear reading the plane.
    int start = m_selected >= 0 && m_selected < m_node->count() ? m_selected : 0;
    if (m_selected < 0)
        for (size_t i = 0; i < m_design.layers.size(); ++i)
            if (nn::isLinearNode(m_design.layers[i])) {
                start = static_cast<int>(i);
                break;
            }
    m_node->setCurrentIndex(m_node->count() > 0 ? start : -1);
    m_dimX->clear();
    m_dimY->clear();
}

void GeometryLesson::refresh() {
    m_geometry.reset();
    if (m_design.inputFeatures != 2) {
        showMessage(tr("The geometry lesson draws the input plane, so it needs a design with 2 "
                       "input features; this one has %1.\nOpen a 2-D example (File > Examples > "
                       "moons, spiral or bilinear_xor), or set the input to 2 features with a "
                       "2-D dataset (moons, circles, xor, spiral, blobs).")
                        .arg(m_design.inputFeatures));
        return;
    }
    const int node = m_node->currentIndex();
    const train::RunContext<float>* ctx = m_snapshot ? m_snapshot->context.get() : nullptr;
    if (!ctx || ctx->probeGridResolution <= 0 || node < 0 ||
        static_cast<size_t>(node) >= m_snapshot->probeOutputs.size()) {
        showMessage(m_snapshot && m_snapshot->probeOutputs.empty()
                        ? tr("The network's lazy layers have not seen data yet: press Step.")
                        : tr("Waiting for the first snapshot\u2026"));
        return;
    }
    m_pages->setCurrentIndex(1);
    const auto& outputs = m_snapshot->probeOutputs;
    const nn::Matrix<float>& out = outputs[static_cast<size_t>(node)];
    const int width = static_cast<int>(out.cols());

    // The dims to draw: the first two unless the user chose others.
    if (m_dimX->count() != width) {
        const QSignalBlocker bx(m_dimX), by(m_dimY);
        m_dimX->clear();
        m_dimY->clear();
        for (int j = 0; j < width; ++j) {
            m_dimX->addItem(tr("y[:, %1]").arg(j));
            m_dimY->addItem(tr("y[:, %1]").arg(j));
        }
        m_dimX->setCurrentIndex(0);
        m_dimY->setCurrentIndex(width > 1 ? 1 : 0);
    }
    m_dimY->setEnabled(width > 1);
    const int dx = std::max(0, m_dimX->currentIndex());
    const int dy = std::max(0, m_dimY->currentIndex());
    const auto project = [&](const nn::Matrix<float>& m, Eigen::Index row) {
        return QPointF(m(row, dx), width > 1 ? m(row, dy) : 0.0);
    };

    const Eigen::Index samples = ctx->probeSamples;
    const Eigen::Index rows = ctx->probeInputs.rows();
    // The input plane and the samples' colours.
    GeometryPlane::Panel input;
    input.title = tr("input plane (x[:, 0], x[:, 1])");
    for (Eigen::Index r = 0; r < rows; ++r) {
        const QPointF p(ctx->probeInputs(r, 0), ctx->probeInputs(r, 1));
        (r < samples ? input.points : input.grid).push_back(p);
    }
    float absMax = 0;
    for (Eigen::Index r = 0; r < samples && r < ctx->dataY.rows(); ++r)
        absMax = std::max(absMax, std::abs(ctx->dataY(r, 0)));
    for (Eigen::Index r = 0; r < samples; ++r) {
        const float y = r < ctx->dataY.rows() ? ctx->dataY(r, 0) : 0.0f;
        input.colors.push_back(ctx->classification
                                   ? QColor(OutputViewWidget::classColor(static_cast<int>(y)))
                                   : QColor(ColorMap::diverging().colorFor(y, absMax)));
    }

    // A Linear reading the plane: its weight and bias from the snapshot.
    const nn::LayerSpec& spec = m_design.layers[static_cast<size_t>(node)];
    const nn::Matrix<float>* weight = nullptr;
    const nn::Matrix<float>* bias = nullptr;
    for (size_t k = 0; k < ctx->parameterNames.size(); ++k) {
        if (ctx->parameterNodes[k] != node || k >= m_snapshot->parameters.size())
            continue;
        const std::string& name = ctx->parameterNames[k];
        if (name.size() > 7 && name.compare(name.size() - 7, 7, ".weight") == 0)
            weight = &m_snapshot->parameters[k];
        else if (name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0)
            bias = &m_snapshot->parameters[k];
    }
    const bool linear =
        nn::isLinearNode(spec) && weight && weight->cols() == 2 && weight->rows() == width;
    const size_t next = static_cast<size_t>(node) + 1;
    const bool activationNext = linear && next < outputs.size() && next < m_design.layers.size() &&
                                m_design.layers[next].isActivation() &&
                                outputs[next].cols() == width;
    {
        const QSignalBlocker bs(m_slider);
        m_slider->setMaximum(activationNext ? 2 * kSteps : kSteps);
    }
    m_slider->setVisible(linear);
    m_stage->setVisible(linear);
    const double t = linear ? morph() : 1.0;

    GeometryPlane::Panel image;
    image.title =
        width > 1
            ? tr("node %1's output (y[:, %2], y[:, %3] of %4)").arg(node).arg(dx).arg(dy).arg(width)
            : tr("node %1's output (1-D: a line)").arg(node);
    std::vector<QPointF> after;  // the layer's full map, from the probe
    for (Eigen::Index r = 0; r < rows; ++r)
        after.push_back(project(out, r));
    std::vector<QPointF> now(after.size());
    if (linear) {
        m_geometry =
            nn::linearGeometry(weight->cast<double>(), std::numeric_limits<float>::epsilon());
        Eigen::Vector2d b = Eigen::Vector2d::Zero();
        if (bias && width == 2)
            b = Eigen::Vector2d((*bias)(0, 0), (*bias)(0, 1));
        const nn::PlaneMap map = nn::morphPlane(*m_geometry, b, std::min(t, 1.0));
        std::vector<QPointF> bent;
        if (activationNext)
            for (Eigen::Index r = 0; r < rows; ++r)
                bent.push_back(project(outputs[next], r));
        for (Eigen::Index r = 0; r < rows; ++r) {
            const size_t i = static_cast<size_t>(r);
            const Eigen::Vector2d p(ctx->probeInputs(r, 0), ctx->probeInputs(r, 1));
            if (t >= 1) {
                // The engine's own numbers once the map is whole, then on to the bend.
                const double s = t - 1;
                now[i] = s > 0 ? (1 - s) * after[i] + s * bent[i] : after[i];
            } else if (width == 2) {
                const Eigen::Vector2d q = map.matrix * p + map.offset;
                now[i] = QPointF(q(dx), q(dy));
            } else {
                // A map into another dimension has no turn in the plane to follow:
                // each point goes straight to where the layer sends it.
                now[i] = (1 - t) * QPointF(p(0), p(1)) + t * after[i];
            }
        }
        image.extent = boundsOf({&input.grid, &after, &bent});
        QString stage;
        const QString activation =
            activationNext ? QString::fromStdString(m_design.layers[next].type) : QString();
        if (t > 1)
            stage = tr("%1 bends the plane (node %2)").arg(activation).arg(node + 1);
        else if (t >= 1)
            stage = tr("x A\u1d40 + b: node %1's output").arg(node);
        else if (width != 2)
            stage = tr("from x to x A\u1d40 + b");
        else if (t < 0.25)
            stage = tr("turning by V\u1d40");
        else if (t < 0.5)
            stage = tr("scaling by \u03a3");
        else if (t < 0.75)
            stage = m_geometry->u.determinant() < 0 ? tr("reflecting by U") : tr("turning by U");
        else
            stage = tr("shifting by b");
        m_stage->setText(QStringLiteral("t = %1: %2").arg(t, 0, 'f', 2).arg(stage));
    } else {
        now = after;
    }
    for (Eigen::Index r = 0; r < rows; ++r)
        (r < samples ? image.points : image.grid).push_back(now[static_cast<size_t>(r)]);
    image.colors = input.colors;
    m_plane->setGridResolution(static_cast<int>(ctx->probeGridResolution));
    m_plane->setPanels(std::move(input), std::move(image));

    if (!m_geometry) {
        m_decomposition->setText(
            tr("The plane after nodes 0\u2013%1. Choose a Linear that reads the plane (in_features "
               "= 2) to see its weight as turn, scale, turn.")
                .arg(node));
        return;
    }
    const nn::LinearGeometry& g = *m_geometry;
    QStringList lines;
    lines << tr("node %1: A (%2, 2) = U \u03a3 V\u1d40, so x A\u1d40 + b is").arg(node).arg(width);
    lines << tr("1. V\u1d40 turns the plane by %1").arg(degrees(angleOf(g.v.transpose())));
    QStringList sigmas;
    for (Eigen::Index i = 0; i < g.singularValues.size(); ++i)
        sigmas << QStringLiteral("\u03c3%1 = %2")
                      .arg(subscript(static_cast<int>(i) + 1), num(g.singularValues(i)));
    lines << tr("2. \u03a3 scales its axes by %1").arg(sigmas.join(tr(" and ")));
    if (width == 2) {
        if (g.u.determinant() < 0)
            lines << tr("3. U reflects it across the line at %1").arg(degrees(angleOf(g.u) / 2));
        else
            lines << tr("3. U turns it by %1").arg(degrees(angleOf(g.u)));
    } else {
        lines << tr("3. U (%1, %1) sets it in the %1-D output").arg(width);
    }
    QStringList shift;
    for (Eigen::Index j = 0; bias && j < bias->cols(); ++j)
        shift << num((*bias)(0, j));
    lines << (bias ? tr("4. + b shifts it by (%1)").arg(shift.join(QStringLiteral(", ")))
                   : tr("4. no bias (bias=False): no shift"));
    QString det;
    if (width != 2)
        det = tr("A is not square: no determinant");
    else if (g.determinantSign > 0)
        det = tr("det A > 0: orientation kept");
    else if (g.determinantSign < 0)
        det = tr("det A < 0: a reflection");
    else
        det = tr("det A = 0: the plane is flattened");
    lines << tr("%1; rank %2 (torch.linalg.matrix_rank)").arg(det).arg(g.rank);
    m_decomposition->setText(lines.join(QLatin1Char('\n')));
}

}  // namespace linearlab::ui
