#include "ui/theme.h"

#include "ui/choice_menu.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QEvent>
#include <QLegend>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

#include <unordered_map>
#include <utility>
#include <vector>

namespace linearlab::ui {

namespace {

const char* const kKey = "view/theme";

struct Platform {
    QString style;
    QPalette palette;
};

/// The platform's style and palette, captured before the first theme replaces them.
const Platform& platform() {
    static const Platform p{QApplication::style() ? QApplication::style()->name() : QString(),
                            QApplication::palette()};
    return p;
}

Theme::Kind g_current = Theme::System;

QPalette darkPalette() {
    // Fusion's dark scheme as Qt's own applications build it: a grey-blue window,
    // darker bases for editors and lists, light text, a blue that reads on both.
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230);
    const QColor disabled(130, 130, 130), highlight(66, 133, 214);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(40, 40, 43));
    p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(55, 55, 59));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(255, 110, 110));
    p.setColor(QPalette::Light, QColor(75, 75, 80));
    p.setColor(QPalette::Midlight, QColor(62, 62, 66));
    p.setColor(QPalette::Mid, QColor(100, 100, 106));
    p.setColor(QPalette::Dark, QColor(20, 20, 22));
    p.setColor(QPalette::Shadow, QColor(0, 0, 0));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(110, 170, 240));
    p.setColor(QPalette::LinkVisited, QColor(170, 140, 230));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(80, 80, 80));
    return p;
}

}  // namespace

QString Theme::name(Kind kind) {
    switch (kind) {
        case Light:
            return QStringLiteral("light");
        case Dark:
            return QStringLiteral("dark");
        case System:
            break;
    }
    return QStringLiteral("system");
}

QStringList Theme::names() {
    return {name(System), name(Light), name(Dark)};
}

std::optional<Theme::Kind> Theme::fromName(const QString& text) {
    for (Kind kind : {System, Light, Dark})
        if (text.compare(name(kind), Qt::CaseInsensitive) == 0)
            return kind;
    return std::nullopt;
}

Theme::Kind Theme::stored() {
    return fromName(QSettings().value(QLatin1String(kKey)).toString()).value_or(System);
}

void Theme::store(Kind kind) {
    QSettings().setValue(QLatin1String(kKey), name(kind));
}

QMenu* Theme::addMenuTo(QMenu* view) {
    view->addSeparator();
    const std::pair<Kind, QString> items[] = {{System, QObject::tr("&System")},
                                              {Light, QObject::tr("&Light")},
                                              {Dark, QObject::tr("&Dark")}};
    std::vector<MenuChoice> choices;
    for (const auto& [kind, text] : items)
        choices.push_back(
            {QStringLiteral("theme-") + name(kind), text, kind == current(), [kind = kind] {
                 apply(kind);
                 store(kind);
             }});
    return addChoiceMenu(view, QObject::tr("&Theme"), choices);
}

QPalette Theme::palette(Kind kind) {
    if (kind == Dark)
        return darkPalette();
    QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    const QPalette p = fusion ? fusion->standardPalette() : QPalette(Qt::white);
    delete fusion;
    return p;
}

void Theme::apply(Kind kind) {
    const Platform& p = platform();
    if (kind == System) {
        if (!p.style.isEmpty())
            QApplication::setStyle(p.style);
        QApplication::setPalette(p.palette);
    } else {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(palette(kind));
    }
    g_current = kind;
}

Theme::Kind Theme::current() {
    return g_current;
}

QColor Theme::mix(const QColor& a, const QColor& b, double t) {
    auto channel = [t](double x, double y) { return x + (y - x) * t; };
    return QColor::fromRgbF(static_cast<float>(channel(a.redF(), b.redF())),
                            static_cast<float>(channel(a.greenF(), b.greenF())),
                            static_cast<float>(channel(a.blueF(), b.blueF())));
}

QColor Theme::errorColor(const QPalette& palette) {
    return isDark(palette) ? QColor(255, 128, 118) : QColor(198, 40, 40);
}

QString Theme::errorStyleSheet(const QPalette& palette) {
    return QStringLiteral("color: %1;").arg(errorColor(palette).name());
}

namespace {

using StyleSheetOf = std::function<QString(const QPalette&)>;

/// Re-derives the style sheets of the widgets given to followPalette when the
/// application palette changes. The application object hears of every change of
/// its palette (a widget whose palette its style sheet has set hears of none),
/// and a filter on it sees every event of the application: so one filter serves
/// every such widget.
class PaletteFollowers : public QObject {
public:
    static PaletteFollowers& instance() {
        static QPointer<PaletteFollowers> followers;
        if (!followers)
            followers = new PaletteFollowers(qApp);
        return *followers;
    }

    void add(QWidget* widget, StyleSheetOf sheet) {
        update(widget, sheet);
        const bool added = m_sheets.insert_or_assign(widget, std::move(sheet)).second;
        if (added)
            connect(widget, &QObject::destroyed, this, [this, widget] { m_sheets.erase(widget); });
    }

    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange)
            for (const auto& [widget, sheet] : m_sheets)
                update(widget, sheet);
        return false;
    }

private:
    explicit PaletteFollowers(QObject* parent) : QObject(parent) { qApp->installEventFilter(this); }

    static void update(QWidget* widget, const StyleSheetOf& sheetOf) {
        const QString sheet = sheetOf(QApplication::palette(widget));
        if (widget->styleSheet() != sheet)  // each set repolishes the widget
            widget->setStyleSheet(sheet);
    }

    std::unordered_map<QWidget*, StyleSheetOf> m_sheets;
};

}  // namespace

void Theme::followPalette(QWidget* widget, std::function<QString(const QPalette&)> sheet) {
    PaletteFollowers::instance().add(widget, std::move(sheet));
}

void Theme::makeErrorLabel(QWidget* label) {
    followPalette(label, &Theme::errorStyleSheet);
}

bool Theme::isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

void Theme::styleChart(QChart* chart, const QPalette& palette) {
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = palette.color(QPalette::Mid);
    grid.setAlpha(140);
    chart->setBackgroundBrush(palette.color(QPalette::Window));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundBrush(palette.color(QPalette::Base));
    chart->setPlotAreaBackgroundVisible(true);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(palette.color(QPalette::Mid));
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid);
    }
}

}  // namespace linearlab::ui
