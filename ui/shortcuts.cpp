#include "ui/shortcuts.h"

namespace linearlab::ui {

QList<QKeySequence> uniqueKeySequences(const QList<QKeySequence>& sequences) {
    QList<QKeySequence> unique;
    for (const QKeySequence& s : sequences)
        if (!s.isEmpty() && !unique.contains(s))
            unique.push_back(s);
    return unique;
}

QList<QKeySequence> keyBindings(QKeySequence::StandardKey key, const QList<QKeySequence>& also) {
    return uniqueKeySequences(QKeySequence::keyBindings(key) + also);
}

}  // namespace linearlab::ui
