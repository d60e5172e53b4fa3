#pragma once
// The strip a view shows above content that no longer belongs to the design
// being edited: while the design cannot be built, the weights and outputs on
// screen are the last network's, and the view says so instead of passing them
// off as current. Hidden while there is no reason.
#include <QLabel>
#include <QString>

namespace linearlab::ui {

class StaleBanner : public QLabel {
    Q_OBJECT

public:
    explicit StaleBanner(QWidget* parent = nullptr);

    /// Shows "Not the current design: <reason>", or hides for an empty reason.
    void setReason(const QString& reason);
    QString reason() const { return m_reason; }

private:
    QString m_reason;
};

}  // namespace linearlab::ui
