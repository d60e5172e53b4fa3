#pragma once
// One undoable edit of the design. Storing the whole design before and after is
// cheap (a design is a few hundred bytes) and makes undo exact: whatever the edit
// touched, undo puts every field back.
//
// An edit that rebuilds the network also replaces a trained model: applying a
// design returns the trained state it replaced (none when the running trainer
// simply took the change, as a new learning rate), and the command keeps it for
// the opposite direction. Undo restores the weights, step and curves as they
// were just before the edit, bit for bit; Redo those just before the Undo.
#include "core/io/trained_state.h"
#include "core/train/design.h"

#include <QString>
#include <QUndoCommand>

#include <functional>
#include <optional>

namespace linearlab::ui {

class DesignCommand : public QUndoCommand {
public:
    /// Applies `design`; with `restore`, installs that trained state instead of
    /// carrying the current one over. Returns the trained state replaced, if any.
    using Apply = std::function<std::optional<io::TrainedState>(
        const train::Design& design, const std::optional<io::TrainedState>& restore)>;

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
    /// The trained state Undo restores (none: the edit kept the model running).
    const std::optional<io::TrainedState>& stateBefore() const { return m_stateBefore; }

private:
    train::Design m_before;
    train::Design m_after;
    std::optional<io::TrainedState> m_stateBefore;
    std::optional<io::TrainedState> m_stateAfter;
    Apply m_apply;
    QString m_mergeKey;
};

}  // namespace linearlab::ui
