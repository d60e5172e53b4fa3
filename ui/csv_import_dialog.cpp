#include "ui/csv_import_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace linearlab::ui {

namespace {

/// The most frequent of ',', ';' and tab in the first line, as CsvReader detects it.
QChar detectDelimiter(const QString& line) {
    QChar best = QLatin1Char(',');
    int bestCount = -1;
    for (QChar c : {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t')}) {
        const int n = static_cast<int>(line.count(c));
        if (n > bestCount) {
            best = c;
            bestCount = n;
        }
    }
    return best;
}

bool isNumber(const QString& s) {
    bool ok = false;
    s.trimmed().toDouble(&ok);
    return ok;
}

}  // namespace

CsvImportDialog::CsvImportDialog(const QString& path, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Import %1").arg(QFileInfo(path).fileName()));
    auto* layout = new QVBoxLayout(this);

    // Only the first lines are read for the preview; the whole file is validated
    // by the dataset loader when it is used.
    QStringList lines;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        m_error = tr("%1: cannot open: %2").arg(path, file.errorString());
    } else {
        while (!file.atEnd() && lines.size() <= kPreviewRows) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            if (!line.isEmpty())
                lines << line;
        }
        if (lines.isEmpty())
            m_error = tr("%1: the file is empty").arg(path);
    }

    QList<QStringList> rows;
    QChar delimiter = QLatin1Char(',');
    if (!lines.isEmpty()) {
        delimiter = detectDelimiter(lines.first());
        for (const QString& line : lines)
            rows << line.split(delimiter);
    }
    const int columns = rows.isEmpty() ? 0 : static_cast<int>(rows.first().size());
    // A header when a first-row cell is text while the cell below is a number.
    if (rows.size() > 1)
        for (int c = 0; c < columns && c < rows[1].size(); ++c)
            if (!isNumber(rows[0][c]) && isNumber(rows[1][c]))
                m_hasHeader = true;
    if (m_hasHeader) {
        m_header = rows.takeFirst();
    } else {
        for (int c = 0; c < columns; ++c)
            m_header << QString::number(c);
    }
    while (rows.size() > kPreviewRows)
        rows.removeLast();

    m_table = new QTableWidget(static_cast<int>(rows.size()), columns, this);
    m_table->setTabKeyNavigation(false);  // Tab leaves the table; arrows move in it
    m_table->setHorizontalHeaderLabels(m_header);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < columns && c < rows[r].size(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(rows[r][c].trimmed()));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(new QLabel(tr("First rows of %1:").arg(QFileInfo(path).fileName())));
    layout->addWidget(m_table, 1);

    auto* form = new QFormLayout;
    m_target = new QComboBox(this);
    m_target->addItems(m_header);
    m_target->setCurrentIndex(columns - 1);
    form->addRow(tr("target column"), m_target);
    m_classification = new QCheckBox(tr("class labels (CrossEntropyLoss)"), this);
    form->addRow(tr("classification"), m_classification);
    m_standardize = new QCheckBox(tr("z-score each feature column"), this);
    form->addRow(tr("standardize"), m_standardize);
    layout->addLayout(form);
    if (!m_error.isEmpty())
        layout->addWidget(new QLabel(m_error));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(m_error.isEmpty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 420);
}

QString CsvImportDialog::targetColumn() const {
    return m_target->currentText();
}
bool CsvImportDialog::classification() const {
    return m_classification->isChecked();
}
bool CsvImportDialog::standardize() const {
    return m_standardize->isChecked();
}

}  // namespace linearlab::ui
