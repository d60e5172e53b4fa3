#pragma once
// One view of the Learn dock: a lesson about the selected node, drawn from
// the design and the latest snapshot (the engine's own numbers, so they are
// PyTorch's). A lesson only paints; whatever it needs computed comes in the
// snapshot, made on the training thread.
#include "core/train/design.h"
#include "core/train/snapshot.h"

#include <QString>
#include <QWidget>

#include <memory>

namespace linearlab::ui {

class LessonView : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;

    /// The name `linearlab --show NAME` opens it by ("explainer").
    virtual QString lessonName() const = 0;
    /// The tab's title, as the user reads it ("y = xAᵀ + b").
    virtual QString lessonTitle() const = 0;

    virtual void setDesign(const train::Design& design) = 0;
    /// The node selected in the diagram, or -1 for none.
    virtual void setSelectedNode(int node) = 0;
    virtual void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) = 0;
};

}  // namespace linearlab::ui
