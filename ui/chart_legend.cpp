#include "ui/chart_legend.h"

#include "ui/flow_layout.h"

#include <QLabel>
#include <QXYSeries>

namespace linearlab::ui {

ChartLegend::ChartLegend(QWidget* parent) : QWidget(parent) {
    auto* layout = new FlowLayout(this);
    layout->setContentsMargins(8, 0, 8, 0);
    layout->setSpacing(12);
    setAccessibleName(tr("Chart legend"));
}

void ChartLegend::addSeries(QXYSeries* series) {
    auto* label = new QLabel(this);
    label->setTextFormat(Qt::RichText);
    // Entries come before any control, in the order their series were added.
    static_cast<FlowLayout*>(layout())->insertWidget(static_cast<int>(m_labels.size()), label);
    m_series << series;
    m_labels << label;
    connect(series, &QXYSeries::colorChanged, this, &ChartLegend::refresh);
    connect(series, &QXYSeries::visibleChanged, this, &ChartLegend::refresh);
    connect(series, &QXYSeries::nameChanged, this, &ChartLegend::refresh);
    refresh();
}

void ChartLegend::addControl(QWidget* control) {
    control->setParent(this);
    layout()->addWidget(control);
}

QList<QLabel*> ChartLegend::shownEntries() const {
    QList<QLabel*> shown;
    for (QLabel* label : m_labels)
        if (!label->isHidden())
            shown << label;
    return shown;
}

void ChartLegend::refresh() {
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        const QXYSeries* s = m_series[i];
        // The swatch in the series' own colour, the name in the palette's text colour.
        m_labels[i]->setText(QStringLiteral("<span style=\"color:%1\">\u25a0</span> %2")
                                 .arg(s->color().name(), s->name().toHtmlEscaped()));
        m_labels[i]->setVisible(s->isVisible());
    }
}

}  // namespace linearlab::ui
