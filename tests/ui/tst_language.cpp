// View > Language: under zh_CN the window's menus, docks and buttons read Chinese,
// Qt's own buttons too, while PyTorch's reprs stay as PyTorch prints them; under
// en the English plural forms apply.
#include "ui/collapse_text.h"
#include "ui/language.h"
#include "ui/learn_panel.h"
#include "ui/main_window.h"
#include "ui/node_editor.h"
#include "ui/training_controller.h"

#include "core/nn/layer_table.h"

#include <QAbstractButton>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QToolBar>
#include <QtTest>

using linearlab::ui::Language;
using linearlab::ui::MainWindow;

namespace {

QStringList menuTitles(const QMainWindow& w) {
    QStringList titles;
    for (const QAction* a : w.menuBar()->actions())
        titles << a->text();
    return titles;
}

QString dockTitle(const QMainWindow& w, const char* objectName) {
    const auto* dock = w.findChild<QDockWidget*>(QLatin1String(objectName));
    return dock ? dock->windowTitle() : QString();
}

QStringList toolBarTexts(const QMainWindow& w) {
    QStringList texts;
    if (const auto* bar = w.findChild<QToolBar*>(QStringLiteral("trainingToolBar")))
        for (const QAction* a : bar->actions())
            if (!a->isSeparator())
                texts << a->text();
    return texts;
}

/// The first label under `root` whose text contains `part`, waiting for the
/// window to show it (the reprs arrive with the first snapshot). The text as read:
/// without the zero-width spaces at which a diagram block may wrap a repr.
QString labelContaining(const QWidget& root, const QString& part) {
    QString found;
    (void)QTest::qWaitFor(
        [&] {
            for (const QLabel* label : root.findChildren<QLabel*>()) {
                const QString text = QString(label->text()).remove(QChar(0x200B));
                if (text.contains(part)) {
                    found = text;
                    return true;
                }
            }
            return false;
        },
        5000);
    return found;
}

}  // namespace

class TestLanguage : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("LinearLabTest"));
        QApplication::setApplicationName(QStringLiteral("tst_language"));
        QSettings().clear();
    }

    void cleanup() { Language::apply(Language::English); }

    void namesRoundTrip() {
        for (Language::Kind kind : {Language::System, Language::English, Language::Chinese})
            QCOMPARE(Language::fromName(Language::name(kind)), std::optional(kind));
        QCOMPARE(Language::names(), QStringList({"system", "en", "zh_CN"}));
        QCOMPARE(Language::fromName(QStringLiteral("zh")), std::optional(Language::Chinese));
        QCOMPARE(Language::fromName(QStringLiteral("ZH-cn")), std::optional(Language::Chinese));
        QVERIFY(!Language::fromName(QStringLiteral("klingon")));
        QCOMPARE(Language::stored(), Language::System);  // nothing stored yet
        QSettings().setValue(QStringLiteral("view/language"), QStringLiteral("klingon"));
        QCOMPARE(Language::stored(), Language::System);  // unknown -> the system's
        Language::store(Language::Chinese);
        QCOMPARE(QSettings().value(QStringLiteral("view/language")).toString(),
                 QStringLiteral("zh_CN"));
        QCOMPARE(Language::stored(), Language::Chinese);
        QSettings().remove(QStringLiteral("view/language"));
    }

    void chineseWindow() {
        Language::apply(Language::Chinese);
        QCOMPARE(Language::current(), Language::Chinese);
        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        QCOMPARE(menuTitles(w),
                 QStringList({"文件(&F)", "编辑(&E)", "训练(&T)", "视图(&V)", "帮助(&H)"}));
        QCOMPARE(dockTitle(w, "welcomeDock"), QStringLiteral("欢迎"));
        QCOMPARE(dockTitle(w, "networkDock"), QStringLiteral("网络"));
        QCOMPARE(dockTitle(w, "settingsDock"), QStringLiteral("设置"));
        QCOMPARE(dockTitle(w, "weightsDock"), QStringLiteral("权重"));
        QCOMPARE(dockTitle(w, "lossDock"), QStringLiteral("损失"));
        QCOMPARE(dockTitle(w, "outputDock"), QStringLiteral("输出"));
        QCOMPARE(dockTitle(w, "summaryDock"), QStringLiteral("摘要"));
        QCOMPARE(dockTitle(w, "learnDock"), QStringLiteral("学习"));
        const QStringList bar = toolBarTexts(w);
        QVERIFY2(bar.contains(QStringLiteral("训练")) && bar.contains(QStringLiteral("单步")) &&
                     bar.contains(QStringLiteral("重置")) &&
                     bar.contains(QStringLiteral("导出权重(&E)...")) &&
                     bar.contains(QStringLiteral("慢速")) && bar.contains(QStringLiteral("观察")) &&
                     bar.contains(QStringLiteral("全速")),
                 qPrintable(bar.join(QStringLiteral(" | "))));

        // View > Language names each language in its own language.
        auto* system = w.findChild<QAction*>(QStringLiteral("language-system"));
        auto* english = w.findChild<QAction*>(QStringLiteral("language-en"));
        auto* chinese = w.findChild<QAction*>(QStringLiteral("language-zh_CN"));
        QVERIFY(system && english && chinese);
        QCOMPARE(system->text(), QStringLiteral("跟随系统(&S)"));
        QCOMPARE(english->text(), QStringLiteral("English"));
        QCOMPARE(chinese->text(), QStringLiteral("中文"));
        QVERIFY(chinese->isChecked() && chinese->actionGroup()->isExclusive());
        auto* menu = qobject_cast<QMenu*>(chinese->parent());
        QVERIFY(menu && qobject_cast<QMenu*>(menu->parent()));
        QCOMPARE(menu->title(), QStringLiteral("语言(&G)"));
        QCOMPARE(qobject_cast<QMenu*>(menu->parent())->title(), QStringLiteral("视图(&V)"));

        // Qt's own strings come from qtbase_zh_CN.qm: QMessageBox's and QFileDialog's
        // buttons read Chinese as well.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));

        // The one plural of the lessons: Chinese has a single form.
        QCOMPARE(QCoreApplication::translate("linearlab::ui::ExplainerSum",
                                             "(%n smaller terms: %1)", nullptr, 3)
                     .arg(QStringLiteral("0.1")),
                 QStringLiteral("（其余 3 个较小的项：0.1）"));

        // PyTorch's repr stays PyTorch's, in the diagram and in the explainer's title,
        // while the words around it are Chinese.
        const QString repr = QStringLiteral("Linear(in_features=20, out_features=40, bias=True)");
        QCOMPARE(labelContaining(w, QStringLiteral("(0): Linear(")).simplified(),
                 QStringLiteral("(0): ") + repr);
        QCOMPARE(labelContaining(w, QStringLiteral("840 ")), QStringLiteral("840 个参数"));
        // The Welcome panel: Chinese words, the design's shapes and PyTorch's constructor.
        const QString welcome = labelContaining(w, QStringLiteral("欢迎使用 LinearLab"));
        QVERIFY2(welcome.contains(QStringLiteral("nn.Linear(20, 40, bias=True)")),
                 qPrintable(welcome));
        QVERIFY(labelContaining(w, QStringLiteral("x，输入")).contains(QStringLiteral("128×20")));
        QVERIFY(w.showLesson(QStringLiteral("explainer")));
        QCOMPARE(labelContaining(*w.learnPanel(), QStringLiteral("0: Linear(")),
                 QStringLiteral("0: ") + repr);

        // Choosing English stores it and offers a restart; "Later" keeps the window.
        QString question;
        QTimer::singleShot(0, &w, [&question] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box)
                return;
            question = box->text();
            for (QAbstractButton* b : box->buttons())
                if (b->text() == QStringLiteral("稍后(&L)"))
                    b->click();
        });
        english->trigger();
        QCOMPARE(question, QStringLiteral("LinearLab 重新启动后才会显示新的语言。现在重启吗？"));
        QCOMPARE(Language::stored(), Language::English);
        QCOMPARE(Language::current(), Language::Chinese);
        QVERIFY(english->isChecked() && w.isVisible());
        QSettings().remove(QStringLiteral("view/language"));

        w.controller()->shutdown();
    }

    // What the core knows as facts (a collapse run, why there is none, where
    // Dropout departs from PyTorch) the window words in its own language.
    void coreFactsInChinese() {
        Language::apply(Language::Chinese);
        const auto spec = [](const char* type) {
            return linearlab::nn::layerType(type).defaultSpec(3);
        };
        QCOMPARE(linearlab::ui::runLabel({0, 2, 2, 1}), QStringLiteral("节点 0–2 = Linear(2, 1)"));
        QCOMPARE(
            linearlab::ui::nothingToCollapseText({spec("Linear"), spec("ReLU"), spec("Linear")}),
            QStringLiteral("没有可合并的层：每个 Linear 后面都跟着非线性（节点 1：ReLU）"));
        QCOMPARE(linearlab::ui::nothingToCollapseText({spec("Tanh")}),
                 QStringLiteral("没有可合并的层：设计中没有 Linear 层"));
        QCOMPARE(linearlab::ui::nothingToCollapseText({spec("Linear"), spec("Tanh")}),
                 QStringLiteral("没有可合并的层：节点 0（Linear）旁边没有 Linear 或 Identity"));
        linearlab::ui::NodeEditor editor;
        editor.setNode(0, spec("Dropout"), 1);
        QVERIFY(!labelContaining(editor, QStringLiteral("只有 p=0 时才能与 PyTorch 的运行完全一致"))
                     .isEmpty());
    }

    void englishWindow() {
        Language::apply(Language::English);
        MainWindow w;
        QCOMPARE(menuTitles(w), QStringList({"&File", "&Edit", "&Train", "&View", "&Help"}));
        QCOMPARE(dockTitle(w, "learnDock"), QStringLiteral("Learn"));
        QVERIFY(toolBarTexts(w).contains(QStringLiteral("Train")));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
        // English plural forms from linearlab_en.qm.
        QCOMPARE(QCoreApplication::translate("linearlab::ui::ExplainerSum",
                                             "(%n smaller terms: %1)", nullptr, 1)
                     .arg(QStringLiteral("0.1")),
                 QStringLiteral("(1 smaller term: 0.1)"));
        QCOMPARE(QCoreApplication::translate("linearlab::ui::ExplainerSum",
                                             "(%n smaller terms: %1)", nullptr, 12)
                     .arg(QStringLiteral("0.1")),
                 QStringLiteral("(12 smaller terms: 0.1)"));
        w.controller()->shutdown();
    }
};

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
