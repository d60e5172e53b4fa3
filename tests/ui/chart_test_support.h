#pragma once
// What a Qt Charts chart shows as text, for the chart and window tests: its tick
// labels and axis titles as drawn in the scene.
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QString>
#include <QStringList>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

namespace linearlab::test {

/// Where `item`'s glyphs are in the scene: the tight bounds of its first line's
/// text, placed where its document lays that line out, through the item's rotation.
inline QRectF inkRect(const QGraphicsTextItem* item) {
    const QTextBlock block = item->document()->firstBlock();
    const QTextLayout* layout = block.layout();
    if (!layout || layout->lineCount() == 0)
        return item->sceneBoundingRect();
    const QTextLine line = layout->lineAt(0);
    const QString text = block.text().mid(line.textStart(), line.textLength());
    const QRectF tight = QFontMetricsF(item->font()).tightBoundingRect(text);
    const QPointF baseline = layout->position() + QPointF(line.x() + line.naturalTextRect().x(),
                                                          line.y() + line.ascent());
    return item->mapToScene(tight.translated(baseline)).boundingRect();
}

/// The chart's visible text items that are not one of `titles` (its tick labels).
inline QList<QGraphicsTextItem*> chartLabels(const QChart* chart, const QStringList& titles) {
    QList<QGraphicsTextItem*> labels;
    for (QGraphicsItem* item : chart->scene()->items())
        if (auto* text = dynamic_cast<QGraphicsTextItem*>(item);
            text && text->isVisible() && !text->toPlainText().isEmpty() &&
            !titles.contains(text->toPlainText()))
            labels << text;
    return labels;
}

/// What is wrong with the chart's text, or empty: a title of `titles` missing, an
/// elided tick label, or a tick label's glyphs over a title's.
inline QString chartTextProblem(const QChart* chart, const QStringList& titles) {
    QList<QRectF> titleRects;
    for (QGraphicsItem* item : chart->scene()->items())
        if (auto* text = dynamic_cast<QGraphicsTextItem*>(item);
            text && text->isVisible() && titles.contains(text->toPlainText()))
            titleRects << inkRect(text);
    if (titleRects.size() != titles.size())
        return QStringLiteral("%1 of the titles %2 shown")
            .arg(titleRects.size())
            .arg(titles.join(QStringLiteral(", ")));
    for (const QGraphicsTextItem* label : chartLabels(chart, titles)) {
        const QString text = label->toPlainText();
        if (text.contains(QChar(0x2026)) || text.contains(QStringLiteral("...")))
            return QStringLiteral("tick label '%1' is elided").arg(text);
        const QRectF ink = inkRect(label);
        for (const QRectF& title : titleRects)
            if (ink.intersects(title))
                return QStringLiteral(
                           "tick label '%1' at (%2, %3, %4 x %5) is over a title at "
                           "(%6, %7, %8 x %9)")
                    .arg(text)
                    .arg(ink.x())
                    .arg(ink.y())
                    .arg(ink.width())
                    .arg(ink.height())
                    .arg(title.x())
                    .arg(title.y())
                    .arg(title.width())
                    .arg(title.height());
    }
    return {};
}

}  // namespace linearlab::test
