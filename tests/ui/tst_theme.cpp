// View > Theme: Dark gives the window, the charts and the diagram a dark palette,
// Light a light one, and the stored choice is what start-up applies.
#include "ui/diagram_canvas.h"
#include "ui/loss_chart_widget.h"
#include "ui/main_window.h"
#include "ui/network_diagram.h"
#include "ui/node_block.h"
#include "ui/stale_banner.h"
#include "ui/theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QChart>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QtTest>

using linearlab::ui::MainWindow;
using linearlab::ui::Theme;

class TestTheme : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("LinearLabTest"));
        QApplication::setApplicationName(QStringLiteral("tst_theme"));
        QSettings().clear();
        m_platformStyle = QApplication::style()->name();
        m_platformWindow = QApplication::palette().color(QPalette::Window);
    }

    void namesRoundTrip() {
        for (Theme::Kind kind : {Theme::System, Theme::Light, Theme::Dark})
            QCOMPARE(Theme::fromName(Theme::name(kind)), std::optional(kind));
        QCOMPARE(Theme::fromName(QStringLiteral("Dark")), std::optional(Theme::Dark));
        QVERIFY(!Theme::fromName(QStringLiteral("purple")));
        QSettings().setValue(QStringLiteral("view/theme"), QStringLiteral("purple"));
        QCOMPARE(Theme::stored(), Theme::System);  // unknown -> the platform's
    }

    void darkMenuActionThemesEveryView() {
        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* dark = w.findChild<QAction*>(QStringLiteral("theme-dark"));
        auto* light = w.findChild<QAction*>(QStringLiteral("theme-light"));
        QVERIFY(dark && light);
        QVERIFY(dark->isCheckable() && dark->actionGroup() && dark->actionGroup()->isExclusive());

        dark->trigger();
        QApplication::processEvents();
        QVERIFY(dark->isChecked() && !light->isChecked());
        QCOMPARE(Theme::current(), Theme::Dark);
        QCOMPARE(Theme::stored(), Theme::Dark);
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        const QColor window = w.palette().color(QPalette::Window);
        QVERIFY2(window.lightnessF() < 0.3, qPrintable(window.name()));
        QVERIFY(w.palette().color(QPalette::WindowText).lightnessF() > 0.7);

        const QChart* chart = w.lossChart()->lossChart();
        QVERIFY(chart->backgroundBrush().color().lightnessF() < 0.3);
        QVERIFY(chart->plotAreaBackgroundBrush().color().lightnessF() < 0.3);
        for (const QAbstractAxis* axis : chart->axes())
            QVERIFY(axis->labelsColor().lightnessF() > 0.7);

        linearlab::ui::NodeBlock* block = w.diagram()->canvas()->blocks().at(0);
        QVERIFY(block->fillColor().lightnessF() < 0.3);
        // What is drawn, not only what is asked for: a pixel inside the right border.
        const QImage shot = block->grab().toImage();
        QVERIFY2(QColor(shot.pixel(shot.width() - 4, shot.height() / 2)).lightnessF() < 0.3,
                 qPrintable(QColor(shot.pixel(shot.width() - 4, shot.height() / 2)).name()));

        light->trigger();
        QApplication::processEvents();
        QCOMPARE(Theme::stored(), Theme::Light);
        QVERIFY(w.palette().color(QPalette::Window).lightnessF() > 0.7);
        QVERIFY(chart->backgroundBrush().color().lightnessF() > 0.7);
        QVERIFY(block->fillColor().lightnessF() > 0.7);
        const QImage lightShot = block->grab().toImage();
        QVERIFY(
            QColor(lightShot.pixel(lightShot.width() - 4, lightShot.height() / 2)).lightnessF() >
            0.7);
    }

    void errorTextAndTheStaleBannerFollowALiveSwitch() {
        // Labels made under one theme, read after a switch to the other.
        Theme::apply(Theme::Light);
        MainWindow w;
        auto* error = w.findChild<QLabel*>(QStringLiteral("dataError"));
        QVERIFY(error);
        linearlab::ui::StaleBanner banner;
        banner.setReason(QStringLiteral("Linear: in_features must be positive"));
        banner.resize(400, banner.sizeHint().height());
        auto background = [&banner] { return QColor(banner.grab().toImage().pixel(2, 2)); };
        const QColor lightError = Theme::errorColor(Theme::palette(Theme::Light));
        QVERIFY(error->styleSheet().contains(lightError.name()));
        QVERIFY2(background().lightnessF() > 0.6, qPrintable(background().name()));

        Theme::apply(Theme::Dark);
        QApplication::processEvents();
        const QColor darkError = Theme::errorColor(Theme::palette(Theme::Dark));
        QVERIFY(darkError != lightError);
        QVERIFY2(error->styleSheet().contains(darkError.name()), qPrintable(error->styleSheet()));
        QVERIFY2(background().lightnessF() < 0.45, qPrintable(background().name()));

        Theme::apply(Theme::Light);
        QApplication::processEvents();
        QVERIFY(error->styleSheet().contains(lightError.name()));
        QVERIFY(background().lightnessF() > 0.6);
    }

    void storedThemeIsAppliedAtStartUp() {
        // What runApplication does before the window exists.
        Theme::store(Theme::Dark);
        Theme::apply(Theme::stored());
        MainWindow w;
        QVERIFY(w.palette().color(QPalette::Window).lightnessF() < 0.3);
        QVERIFY(w.findChild<QAction*>(QStringLiteral("theme-dark"))->isChecked());
        QVERIFY(w.lossChart()->lossChart()->backgroundBrush().color().lightnessF() < 0.3);
    }

    void systemRestoresThePlatformLook() {
        Theme::apply(Theme::Dark);
        Theme::apply(Theme::System);
        QCOMPARE(QApplication::style()->name(), m_platformStyle);
        QCOMPARE(QApplication::palette().color(QPalette::Window), m_platformWindow);
        QCOMPARE(Theme::current(), Theme::System);
    }

private:
    QString m_platformStyle;
    QColor m_platformWindow;
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
