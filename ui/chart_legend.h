#pragma once
// A chart's legend as widgets above it: a colour swatch and the series' name for
// every visible series, in rows that wrap when the dock is narrow. Qt Charts'
// own legend elides names ("trai…", "vali…") when they do not fit on one line.
#include <QList>
#include <QWidget>

class QLabel;
class QXYSeries;

namespace linearlab::ui {

class ChartLegend : public QWidget {
    Q_OBJECT

public:
    explicit ChartLegend(QWidget* parent = nullptr);

    /// Follows `series`' name, colour and visibility from now on.
    void addSeries(QXYSeries* series);
    /// A control after the entries, wrapping with them (the loss chart's Log scale).
    void addControl(QWidget* control);
    /// The entries shown, one label per visible series, for checks of what it says.
    QList<QLabel*> shownEntries() const;

private:
    void refresh();

    QList<QXYSeries*> m_series;
    QList<QLabel*> m_labels;
};

}  // namespace linearlab::ui
