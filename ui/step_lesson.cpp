#include "ui/step_lesson.h"

#include "ui/heatmap_widget.h"
#include "ui/lesson_parameter.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QLabel>

#include <cmath>

namespace linearlab::ui {

namespace {

QString dims(const nn::Shape& shape) {
    QStringList d;
    for (nn::Index v : shape)
        d << QString::number(v);
    return QStringLiteral("(%1%2)").arg(d.join(QStringLiteral(", ")),
                                        shape.size() == 1 ? QStringLiteral(",") : QString());
}

/// Slice 0 of a Bilinear's (out, in1*in2) matrix as (in1, in2); other matrices as they are.
nn::Matrix<float> shown(const nn::Matrix<float>& m, const nn::Shape& shape) {
    if (shape.size() != 3)
        return m;
    return Eigen::Map<const nn::Matrix<float>>(m.data(), shape[1], shape[2]);
}

bool isPlainSgd(const nn::OptimizerOptions& o) {
    return o.type == "SGD" && o.momentum.value_or(0) == 0 && o.weight_decay.value_or(0) == 0 &&
           !o.maximize.value_or(false);
}

/// What the optimizer does with a gradient, in torch.optim's terms.
QString optimizerRule(const nn::OptimizerOptions& o) {
    const QString type = QString::fromStdString(o.type);
    if (isPlainSgd(o))
        return QCoreApplication::translate(
            "linearlab::ui::StepLesson",
            "SGD without momentum: A ← A − lr·∂L/∂A, so the update is −lr·grad.");
    if (o.type == "SGD")
        return QCoreApplication::translate(
            "linearlab::ui::StepLesson",
            "SGD with momentum or weight_decay: it adds weight_decay·A to the gradient and "
            "steps along its momentum buffer buf ← momentum·buf + (1 − dampening)·grad, so the "
            "update is −lr·buf, not −lr·grad.");
    if (o.type == "Adam" || o.type == "AdamW" || o.type == "NAdam" || o.type == "RAdam" ||
        o.type == "Adamax")
        return QCoreApplication::translate(
                   "linearlab::ui::StepLesson",
                   "%1: it keeps running averages of the gradient (m) and of its square (v) "
                   "and steps by about −lr·m̂/(√v̂ + eps), so every weight moves by roughly "
                   "lr whatever its gradient's size.")
            .arg(type);
    if (o.type == "RMSprop")
        return QCoreApplication::translate(
            "linearlab::ui::StepLesson",
            "RMSprop: it divides the gradient by the root of a running average of its square, "
            "update ≈ −lr·grad/(√v + eps).");
    if (o.type == "Adagrad")
        return QCoreApplication::translate(
            "linearlab::ui::StepLesson",
            "Adagrad: it divides the gradient by the root of the sum of all its squares so far, "
            "update = −clr·grad/(√sum + eps).");
    return QCoreApplication::translate(
               "linearlab::ui::StepLesson",
               "%1: the update follows from the gradient and the optimizer's state.")
        .arg(type);
}

}  // namespace

StepLesson::StepLesson(QWidget* parent) : LessonView(parent) {
    auto* layout = new QGridLayout(this);
    m_header = new QLabel;
    m_formula = new QLabel;
    m_updateLabel = new QLabel;
    for (QLabel* l : {m_header, m_formula, m_updateLabel}) {
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_gradient = new HeatmapWidget;
    m_update = new HeatmapWidget;
    m_gradient->setPreferredCellSize(8);
    m_update->setPreferredCellSize(8);
    layout->addWidget(m_header, 0, 0, 1, 2);
    layout->addWidget(m_formula, 1, 0);
    layout->addWidget(m_updateLabel, 1, 1);
    layout->addWidget(m_gradient, 2, 0);
    layout->addWidget(m_update, 2, 1);
    layout->setRowStretch(2, 1);
    refresh();
}

void StepLesson::setDesign(const train::Design& design) {
    m_design = design;
    refresh();
}

void StepLesson::setSelectedNode(int node) {
    m_node = node;
    refresh();
}

void StepLesson::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    if (!snapshot)
        return;
    // The previous snapshot of the same run is A_before; one of another run (a
    // Reset, a new design) or of a later step (restored progress) is not. A
    // snapshot of the same step (a pause, an lr change) keeps it.
    if (m_after && m_after->runId == snapshot->runId) {
        if (snapshot->step > m_after->step) {
            m_beforeParameters.resize(m_after->parameters.size());
            for (size_t i = 0; i < m_beforeParameters.size(); ++i)
                m_beforeParameters[i] = m_after->parameters[i];  // same shape: no allocation
            m_beforeStep = m_after->step;
        } else if (snapshot->step < m_after->step) {
            m_beforeStep = -1;
        }
    } else {
        m_beforeStep = -1;
    }
    m_after = std::move(snapshot);
    refresh();
}

QString StepLesson::formulaText() const {
    return m_formula->text();
}

QString StepLesson::updateText() const {
    return m_updateLabel->text();
}

void StepLesson::refresh() {
    m_gradientValues.resize(0, 0);
    m_updateValues.resize(0, 0);
    m_steps = 0;
    const int w = m_after && m_after->context ? lessonWeightIndex(*m_after->context, m_node) : -1;
    if (w < 0 || m_after->step == 0 || m_after->gradients.size() <= static_cast<size_t>(w)) {
        m_header->setText(
            tr("No step yet. Train, or press Step (S) to take one, and this shows the gradients "
               "of that step and what the optimizer did with them."));
        m_formula->clear();
        m_updateLabel->clear();
        m_gradient->setPlaceholder(tr("∂L/∂A after the first step"));
        m_update->setPlaceholder(tr("A_after − A_before"));
        return;
    }
    const train::RunContext<float>& c = *m_after->context;
    const auto wi = static_cast<size_t>(w);
    const int b = lessonBiasIndex(c, w);
    const nn::Shape& shape = c.parameterShapes[wi];
    const auto node = c.parameterNodes[wi];
    const QString name = QString::fromStdString(c.parameterNames[wi]);
    const QString n = QString::number(m_after->batchSize);
    const QString out = QString::number(shape[0]);

    m_header->setText(tr("Step %1 of node %2, %3: loss %4 on a batch of N = %5.")
                          .arg(m_after->step)
                          .arg(node)
                          .arg(QString::fromStdString(c.nodeReprs[static_cast<size_t>(node)]))
                          .arg(m_after->trainLoss, 0, 'g', 4)
                          .arg(n));
    if (shape.size() == 3) {
        m_formula->setText(tr("y[n, k] = x1[n]ᵀ A[k] x2[n] + b[k], gradY = ∂L/∂y (%1, %2).\n"
                              "∂L/∂A[k] = Σₙ gradY[n, k] · x1[n] x2[n]ᵀ: %3\n"
                              "∂L/∂b = Σₙ gradY[n]: (%2,)\nShown: %4.grad[0], slice k = 0 of %3.")
                               .arg(n, out, dims(shape), name));
    } else {
        const QString in = QString::number(shape[1]);
        m_formula->setText(tr("y = x Aᵀ + b: x (%1, %2), A %3, gradY = ∂L/∂y (%1, %4).\n"
                              "∂L/∂A = gradYᵀ x: (%4, %1) @ (%1, %2) → (%4, %2)\n"
                              "∂L/∂b = Σₙ gradY[n]: (%1, %4) summed over n → (%4,)\n"
                              "Left: %5.grad, rows out_features j, columns in_features i.")
                               .arg(n, in, dims(shape), out, name));
    }
    m_gradientValues = m_after->gradients[wi];
    const int leading = shape.size() == 3 ? 0 : -1;
    m_gradient->setMatrix(shown(m_gradientValues, shape), name + QStringLiteral(".grad"), leading);
    if (b >= 0 && leading < 0)
        m_gradient->setBias(m_after->gradients[static_cast<size_t>(b)],
                            QString::fromStdString(c.parameterNames[static_cast<size_t>(b)]) +
                                QStringLiteral(".grad"));
    else
        m_gradient->clearBias();

    const double lr = m_after->learningRate;
    const QString opt = QStringLiteral("%1(lr=%2)")
                            .arg(QString::fromStdString(m_design.optimizer.type))
                            .arg(lr, 0, 'g', 4);
    if (m_beforeStep < 0 || m_beforeParameters.size() <= wi ||
        m_beforeParameters[wi].size() != m_after->parameters[wi].size()) {
        m_updateLabel->setText(
            tr("%1. %2\nThe update A_after − A_before shows once a second snapshot of this run "
               "arrives: pause, then press Step (S).")
                .arg(opt, optimizerRule(m_design.optimizer)));
        m_update->setPlaceholder(tr("A_after − A_before"));
        return;
    }
    m_steps = m_after->step - m_beforeStep;
    m_updateValues = m_after->parameters[wi] - m_beforeParameters[wi];
    m_update->setMatrix(shown(m_updateValues, shape), QStringLiteral("Δ") + name, leading);
    if (b >= 0 && leading < 0) {
        const auto bi = static_cast<size_t>(b);
        m_update->setBias(m_after->parameters[bi] - m_beforeParameters[bi],
                          QStringLiteral("Δ") + QString::fromStdString(c.parameterNames[bi]));
    } else {
        m_update->clearBias();
    }
    QString span = m_steps == 1 ? tr("Right: A_after − A_before over one step (%1 → %2).")
                                      .arg(m_beforeStep)
                                      .arg(m_after->step)
                                : tr("Right: A_after − A_before over %1 steps (%2 → %3): to see "
                                     "one step, pause and press Step (S).")
                                      .arg(m_steps)
                                      .arg(m_beforeStep)
                                      .arg(m_after->step);
    QString check;
    if (m_steps == 1 && isPlainSgd(m_design.optimizer)) {
        const float largest =
            (m_updateValues + static_cast<float>(lr) * m_gradientValues).cwiseAbs().maxCoeff();
        check = tr("\nIt equals −lr·grad = −%1·%2.grad: the largest |update + lr·grad| is %3 "
                   "(float32 rounding).")
                    .arg(lr, 0, 'g', 4)
                    .arg(name)
                    .arg(static_cast<double>(largest), 0, 'g', 2);
    }
    m_updateLabel->setText(
        tr("%1. %2\n%3%4").arg(opt, optimizerRule(m_design.optimizer), span, check));
}

}  // namespace linearlab::ui
