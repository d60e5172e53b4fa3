#include "ui/design_command.h"

namespace linearlab::ui {

DesignCommand::DesignCommand(const QString& text, train::Design before, train::Design after,
                             Apply apply, QString mergeKey)
    : QUndoCommand(text),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_apply(std::move(apply)),
      m_mergeKey(std::move(mergeKey)) {}

void DesignCommand::undo() {
    m_stateAfter = m_apply(m_before, m_stateBefore);
}

void DesignCommand::redo() {
    m_stateBefore = m_apply(m_after, m_stateAfter);
}

int DesignCommand::id() const {
    // QUndoStack only offers mergeWith to commands of equal non-negative id.
    return m_mergeKey.isEmpty() ? -1 : 1;
}

bool DesignCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const DesignCommand*>(other);
    if (next->m_mergeKey != m_mergeKey)
        return false;
    // Undo goes back past both edits: the design and the model before the first.
    m_after = next->m_after;
    if (!m_stateBefore)
        m_stateBefore = next->m_stateBefore;
    return true;
}

}  // namespace linearlab::ui
