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
    m_apply(m_before);
}

void DesignCommand::redo() {
    m_apply(m_after);
}

int DesignCommand::id() const {
    // QUndoStack only offers mergeWith to commands of equal non-negative id.
    return m_mergeKey.isEmpty() ? -1 : 1;
}

bool DesignCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const DesignCommand*>(other);
    if (next->m_mergeKey != m_mergeKey)
        return false;
    m_after = next->m_after;
    return true;
}

}  // namespace linearlab::ui
