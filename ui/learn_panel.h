#pragma once
// The Learn dock: the lessons (LessonView) as tabs, each told of the design,
// the selected node and every snapshot. The list of lessons is in
// learn_panel.cpp, in the order the tabs show them.
#include "ui/lesson_view.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QTabWidget;

namespace linearlab::ui {

class LearnPanel : public QWidget {
    Q_OBJECT

public:
    explicit LearnPanel(QWidget* parent = nullptr);

    void setDesign(const train::Design& design);
    void setSelectedNode(int node);
    void setSnapshot(const std::shared_ptr<const train::Snapshot<float>>& snapshot);

    /// Every lesson's name, for --show and its error message.
    QStringList lessonNames() const;
    /// Brings the lesson called `name` to the front; false if there is none.
    bool showLesson(const QString& name);
    LessonView* lesson(const QString& name) const;

private:
    QTabWidget* m_tabs = nullptr;
    std::vector<LessonView*> m_lessons;
};

}  // namespace linearlab::ui
