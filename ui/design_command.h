#pragma once
// One undoable edit of the design. Storing the whole design before and after is
// cheap (a design is a few hundred bytes) and makes undo exact: whatever the edit
// touched, undo puts every field back.
#include "core/train/design.h"

#include <QString>
#include <QUndoCommand>

#include <functional>

namespace linearlab::ui {

class DesignCommand : public QUndoCommand {
public:
    using Apply = std::function<void(const train::Design&)>;

    /// `mergeKey` non-empty: consecutive edits with the same key (a spin box's
    /// arrow clicks) collapse into one undo step.
    DesignCommand(const QString& text, train::Design before, train::Design after, Apply apply,
                  QString mergeKey = {});

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    const train::Design& before() const { return m_before; }
    const train::Design& after() const { return m_after; }

private:
    train::Design m_before;
    train::Design m_after;
    Apply m_apply;
    QString m_mergeKey;
};

}  // namespace linearlab::ui
