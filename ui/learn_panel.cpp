#include "ui/learn_panel.h"

#include "ui/collapse_lesson.h"
#include "ui/explainer_lesson.h"
#include "ui/geometry_lesson.h"
#include "ui/init_lesson.h"
#include "ui/neuron_lesson.h"
#include "ui/step_lesson.h"

#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace linearlab::ui {

namespace {

/// The lessons, in tab order.
std::vector<LessonView*> makeLessons() {
    return {
        new ExplainerLesson, new InitLesson,   new StepLesson,
        new GeometryLesson,  new NeuronLesson, new CollapseLesson,
    };
}

}  // namespace

LearnPanel::LearnPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    setAccessibleName(tr("Learn"));
    layout->addWidget(m_tabs);
    m_lessons = makeLessons();
    for (LessonView* lesson : m_lessons) {
        lesson->setObjectName(lesson->lessonName());
        // A lesson wider than the dock scrolls inside it: the Learn tab shares its
        // place with Weights, and its width would otherwise be the window's least.
        auto* scroll = new QScrollArea;
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(lesson);
        m_tabs->addTab(scroll, lesson->lessonTitle());
        lesson->setAccessibleName(lesson->lessonTitle());
        // A lesson's scroll areas take the focus for their scrolling: they are the lesson.
        scroll->setAccessibleName(lesson->lessonTitle());
        for (QScrollArea* area : lesson->findChildren<QScrollArea*>())
            if (area->accessibleName().isEmpty())
                area->setAccessibleName(lesson->lessonTitle());
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { catchUp(); });
}

LessonView* LearnPanel::shownLesson() const {
    const int tab = m_tabs->currentIndex();
    return m_onScreen && tab >= 0 && tab < static_cast<int>(m_lessons.size())
               ? m_lessons[static_cast<size_t>(tab)]
               : nullptr;
}

void LearnPanel::setOnScreen(bool onScreen) {
    m_onScreen = onScreen;
    catchUp();
}

void LearnPanel::catchUp() {
    LessonView* shown = shownLesson();
    if (shown && m_snapshot && m_told.value(shown) != m_tick) {
        m_told[shown] = m_tick;
        shown->setSnapshot(m_snapshot);
    }
}

void LearnPanel::setDesign(const train::Design& design) {
    for (LessonView* lesson : m_lessons)
        lesson->setDesign(design);
}

void LearnPanel::setSelectedNode(int node) {
    for (LessonView* lesson : m_lessons)
        lesson->setSelectedNode(node);
}

void LearnPanel::setSnapshot(const std::shared_ptr<const train::Snapshot<float>>& snapshot) {
    // Only the lesson on screen hears of each tick: the others would spend the
    // GUI thread's time on views nobody sees. A lesson catches up with the
    // latest snapshot when it is shown.
    m_snapshot = snapshot;
    ++m_tick;
    catchUp();
}

QStringList LearnPanel::lessonNames() const {
    QStringList names;
    for (const LessonView* lesson : m_lessons)
        names << lesson->lessonName();
    return names;
}

LessonView* LearnPanel::lesson(const QString& name) const {
    for (LessonView* lesson : m_lessons)
        if (lesson->lessonName() == name)
            return lesson;
    return nullptr;
}

bool LearnPanel::showLesson(const QString& name) {
    LessonView* view = lesson(name);
    if (!view)
        return false;
    m_tabs->setCurrentIndex(
        static_cast<int>(std::find(m_lessons.begin(), m_lessons.end(), view) - m_lessons.begin()));
    return true;
}

}  // namespace linearlab::ui
