#pragma once
// Help > About LinearLab: the version `linearlab --version` prints, and what
// the numbers are computed with: the Qt it runs on (and was built against),
// Eigen, and the BLAS large products may go to (nn::blasDescription).
#include <QDialog>
#include <QString>

class QLabel;

namespace linearlab::ui {

/// The About text as rich text.
QString aboutText();

class AboutDialog : public QDialog {
    Q_OBJECT

public:
    explicit AboutDialog(QWidget* parent = nullptr);
    QLabel* textLabel() const { return m_text; }

private:
    QLabel* m_text = nullptr;
};

}  // namespace linearlab::ui
