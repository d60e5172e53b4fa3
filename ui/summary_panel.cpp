#include "ui/summary_panel.h"

#include "core/nn/network_summary.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace linearlab::ui {

SummaryPanel::SummaryPanel(QWidget* parent) : QWidget(parent) {
    m_table = new QTableWidget(0, 3, this);
    m_table->setTabKeyNavigation(false);  // Tab leaves the table; arrows move in it
    setAccessibleName(tr("Summary"));
    m_table->setAccessibleName(tr("Summary"));
    m_table->setHorizontalHeaderLabels({tr("Layer (type)"), tr("Output Shape"), tr("Param #")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);

    m_totals = new QLabel(this);
    // Fixed-width, like torchinfo's text block, so the numbers line up.
    m_totals->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_totals);
}

QString SummaryPanel::formatCount(int64_t count) {
    return QString::fromStdString(nn::groupDigits(count));
}

void SummaryPanel::setRows(const std::vector<SummaryRow>& rows, int bytesPerValue) {
    int64_t total = 0;
    m_table->setRowCount(static_cast<int>(rows.size()));
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
        const SummaryRow& r = rows[i];
        const QString indent = r.depth > 0 ? QString(4 * (r.depth - 1), QLatin1Char(' ')) +
                                                 QStringLiteral("\u251c\u2500")
                                           : QString();
        auto* layer = new QTableWidgetItem(indent + r.layer);
        layer->setToolTip(r.layer);
        auto* shape = new QTableWidgetItem(r.outputShape);
        auto* params =
            new QTableWidgetItem(r.params > 0 ? formatCount(r.params) : QStringLiteral("--"));
        params->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(i, 0, layer);
        m_table->setItem(i, 1, shape);
        m_table->setItem(i, 2, params);
        total += r.params;
    }
    // torchinfo's own words, as the CLI's summary prints them.
    m_totals->setText(QString::fromStdString(nn::summaryTotals(total, bytesPerValue)));
}

QString SummaryPanel::totalsText() const {
    return m_totals->text();
}

}  // namespace linearlab::ui
