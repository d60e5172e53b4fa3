#include "ui/neuron_lesson.h"

#include "ui/neuron_view.h"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace linearlab::ui {

NeuronLesson::NeuronLesson(QWidget* parent) : LessonView(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("Each circle is one unit (an output feature), each line one weight: red positive, "
           "blue negative, thicker for larger |weight|. For 2-D inputs a unit shows its output "
           "over the input plane. Hover a line for its name in the state dict."));
    intro->setWordWrap(true);
    m_view = new NeuronView;
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_view);
    scroll->setWidgetResizable(true);
    m_hover = new QLabel(QStringLiteral(" "));
    layout->addWidget(intro);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_hover);
    connect(m_view, &NeuronView::hoverTextChanged, m_hover, [this](const QString& text) {
        m_hover->setText(text.isEmpty() ? QStringLiteral(" ") : text);
    });
}

void NeuronLesson::setDesign(const train::Design& design) {
    m_view->setDesign(design);
}

void NeuronLesson::setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) {
    m_view->setSnapshot(std::move(snapshot));
}

}  // namespace linearlab::ui
