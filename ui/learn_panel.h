#pragma once
// The Learn dock: the lessons (LessonView) as tabs, each told of the design,
// the selected node and every snapshot. The list of lessons is in
// learn_panel.cpp, in the order the tabs show them.
#include "ui/lesson_view.h"

#include <QHash>
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

    /// Whether the panel is on screen (its dock not closed or tabbed behind
    /// another); only then, and only the current tab, gets snapshots.
    void setOnScreen(bool onScreen);
    /// The lesson snapshots go to: the current tab while on screen, else none.
    LessonView* shownLesson() const;

    /// Every lesson's name, for --show and its error message.
    QStringList lessonNames() const;
    /// Brings the lesson called `name` to the front; false if there is none.
    bool showLesson(const QString& name);
    LessonView* lesson(const QString& name) const;

private:
    /// Gives the shown lesson the latest snapshot, unless it has it already.
    void catchUp();

    QTabWidget* m_tabs = nullptr;
    std::vector<LessonView*> m_lessons;
    bool m_onScreen = true;
    std::shared_ptr<const train::Snapshot<float>> m_snapshot;
    // Snapshot buffers are recycled, so a snapshot is known by the tick it came
    // in, not by its address.
    quint64 m_tick = 0;
    QHash<const LessonView*, quint64> m_told;  ///< the tick each lesson last got
};

}  // namespace linearlab::ui
