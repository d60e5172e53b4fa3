#pragma once
// View > Theme: the platform's look, or Fusion with a light or a dark palette.
// Views paint their chrome (text, frames, grids, block fills) from the widget
// palette and the data from ColorMap, so applying a theme here and the
// QEvent::PaletteChange that follows are all a view needs to follow it.
#include <QPalette>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QChart;
class QMenu;
class QWidget;

namespace linearlab::ui {

class Theme {
public:
    enum Kind { System, Light, Dark };

    /// "system", "light", "dark": the --theme and QSettings spelling.
    static QString name(Kind kind);
    static QStringList names();
    static std::optional<Kind> fromName(const QString& name);

    /// The theme in QSettings ("view/theme"), System when none or unknown.
    static Kind stored();
    static void store(Kind kind);
    /// Sets the application's style and palette; every widget then gets a PaletteChange.
    static void apply(Kind kind);
    /// The theme last applied (System before any).
    static Kind current();

    /// Appends a separator and View > Theme to `view`: System, Light and Dark as one
    /// exclusive group of checkable actions (object names "theme-system", ...);
    /// choosing one applies and stores it.
    static QMenu* addMenuTo(QMenu* view);

    /// Fusion's palette for Light or Dark.
    static QPalette palette(Kind kind);
    /// Whether a palette is a dark one (its window colour has lightness below one half).
    static bool isDark(const QPalette& palette);
    /// a * (1 - t) + b * t, per channel: tints that follow the palette.
    static QColor mix(const QColor& a, const QColor& b, double t);
    /// The colour of error text and frames, readable on the palette's base.
    static QColor errorColor(const QPalette& palette);
    /// "color: ..." in the palette's error colour, for error labels.
    static QString errorStyleSheet(const QPalette& palette);
    /// Gives `widget` the style sheet `sheet` makes of the application palette, now and
    /// after every theme change. A style sheet's colours are fixed text, so without
    /// this a label made under Light keeps Light's colours under Dark.
    static void followPalette(QWidget* widget, std::function<QString(const QPalette&)> sheet);
    /// followPalette with errorStyleSheet: error text readable in every theme.
    static void makeErrorLabel(QWidget* label);
    /// Background, plot area, axis lines, labels, grid and legend of a chart from `palette`.
    static void styleChart(QChart* chart, const QPalette& palette);
};

}  // namespace linearlab::ui
