#pragma once
// "Neurons": the NeuronView as a lesson, with the hovered edge's weight written
// under it, so `linearlab --show neurons` opens the picture the Network dock's
// Neurons toggle draws.
#include "ui/lesson_view.h"

class QLabel;

namespace linearlab::ui {

class NeuronView;

class NeuronLesson : public LessonView {
    Q_OBJECT

public:
    explicit NeuronLesson(QWidget* parent = nullptr);

    QString lessonName() const override { return QStringLiteral("neurons"); }
    QString lessonTitle() const override { return tr("Neurons"); }
    void setDesign(const train::Design& design) override;
    void setSelectedNode(int) override {}
    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) override;

    NeuronView* view() const { return m_view; }

private:
    NeuronView* m_view = nullptr;
    QLabel* m_hover = nullptr;
};

}  // namespace linearlab::ui
