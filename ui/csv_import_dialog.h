#pragma once
// Picks the target column of a CSV file while showing its first rows, so the
// user sees what the columns hold before training on them.
#include <QDialog>
#include <QString>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;

namespace linearlab::ui {

class CsvImportDialog : public QDialog {
    Q_OBJECT

public:
    explicit CsvImportDialog(const QString& path, QWidget* parent = nullptr);

    /// False when the file could not be read; errorString() says why.
    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    /// The chosen target column's name (or index, for a headerless file).
    QString targetColumn() const;
    bool classification() const;
    bool standardize() const;
    QTableWidget* preview() const { return m_table; }

    /// Rows shown in the preview.
    static constexpr int kPreviewRows = 10;

private:
    QString m_error;
    QStringList m_header;
    bool m_hasHeader = false;
    QTableWidget* m_table = nullptr;
    QComboBox* m_target = nullptr;
    QCheckBox* m_classification = nullptr;
    QCheckBox* m_standardize = nullptr;
};

}  // namespace linearlab::ui
