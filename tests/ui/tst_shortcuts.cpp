// Shortcuts: every key sequence of an action bound once, whatever the platform
// already binds to the standard key; and, with a field focused, the keys it uses
// stay with it while the window's single-key shortcuts get the rest.
#include "ui/shortcuts.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtTest>

#include <map>
#include <memory>

using namespace linearlab;
using Claim = ui::ShortcutPassthrough::Claim;

namespace {

/// A number field that reads exponents ("1e-3"), as a custom one might.
class ScientificBox : public QDoubleSpinBox {
public:
    using QDoubleSpinBox::QDoubleSpinBox;

    QValidator::State validate(QString& text, int&) const override {
        bool ok = false;
        text.toDouble(&ok);
        if (ok)
            return QValidator::Acceptable;
        static const QRegularExpression partial(QStringLiteral(R"(^[+-]?\d*\.?\d*([eE][+-]?)?$)"));
        return partial.match(text).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
    }
    double valueFromText(const QString& text) const override { return text.toDouble(); }
    QString textFromValue(double value) const override { return QString::number(value, 'g', 6); }
};

/// A window of fields with the main window's kind of shortcuts, filtered as the
/// main window is.
struct Form {
    QWidget window;
    QSpinBox* integers = new QSpinBox;
    QSpinBox* hex = new QSpinBox;
    QDoubleSpinBox* real = new QDoubleSpinBox;
    ScientificBox* scientific = new ScientificBox;
    QCheckBox* check = new QCheckBox(QStringLiteral("shuffle"));
    QComboBox* choice = new QComboBox;
    QComboBox* editableChoice = new QComboBox;
    QLineEdit* text = new QLineEdit;
    std::map<QString, int> triggered;  ///< action name -> times triggered

    Form() {
        auto* layout = new QVBoxLayout(&window);
        integers->setRange(0, 1000);
        hex->setRange(0, 0xffff);
        hex->setDisplayIntegerBase(16);
        real->setRange(-10, 10);
        scientific->setRange(1e-9, 10);
        scientific->setDecimals(9);
        choice->addItems({QStringLiteral("SGD"), QStringLiteral("RMSprop")});
        editableChoice->setEditable(true);
        for (QWidget* w : std::initializer_list<QWidget*>{integers, hex, real, scientific, check,
                                                          choice, editableChoice, text})
            layout->addWidget(w);
        action(QStringLiteral("train"), {QKeySequence(Qt::Key_Space)});
        action(QStringLiteral("step"), {QKeySequence(Qt::Key_S)});
        action(QStringLiteral("reset"), {QKeySequence(Qt::Key_R)});
        action(QStringLiteral("e"), {QKeySequence(Qt::Key_E)});
        action(QStringLiteral("undo"), ui::keyBindings(QKeySequence::Undo, {}));
        action(QStringLiteral("redo"), ui::keyBindings(QKeySequence::Redo, {}));
        new ui::ShortcutPassthrough(&window);
    }

    void action(const QString& name, const QList<QKeySequence>& keys) {
        auto* a = new QAction(name, &window);
        a->setShortcuts(keys);
        window.addAction(a);
        triggered[name] = 0;
        QObject::connect(a, &QAction::triggered, &window, [this, name] { ++triggered[name]; });
    }

    bool show() {
        window.show();
        return QTest::qWaitForWindowActive(&window);
    }

    /// Types into `field` as a user does: it takes the focus, then keys go to it.
    static bool focus(QWidget* field) {
        field->setFocus(Qt::TabFocusReason);
        return QApplication::focusWidget() == field;
    }

    int total() const {
        int n = 0;
        for (const auto& [name, count] : triggered)
            n += count;
        return n;
    }
};

void press(QKeyCombination key) {
    QTest::keySequence(QApplication::focusWidget(), QKeySequence(key));
}

/// Whether the focused widget claims `key` (a ShortcutOverride) from the shortcuts.
bool claimed(QWidget* field, QKeyCombination key) {
    QKeyEvent event(QEvent::ShortcutOverride, key.key(), key.keyboardModifiers(),
                    QKeySequence(key).toString().toLower());
    QCoreApplication::sendEvent(field, &event);
    return event.isAccepted();
}

}  // namespace

class TestShortcuts : public QObject {
    Q_OBJECT

private slots:
    void repeatsAreDropped();
    void platformBindingsComeFirst();
    void numberFieldsLetSingleKeysThrough();
    void numberFieldsKeepWhatTheyType();
    void letterDigitsStayInAHexField();
    void checkBoxKeepsSpace();
    void textFieldsAndComboBoxesAsQtHasThem();
    void undoGoesToTheWindowOnceTheFieldHasNone();
    void fieldsCreatedLaterAreCovered();
    void fieldsOfOtherWindowsAreLeftAlone();
};

void TestShortcuts::repeatsAreDropped() {
    // GNOME's Redo is Ctrl+Shift+Z, the key the window adds too.
    const QKeySequence ctrlShiftZ(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
    const QKeySequence ctrlY(Qt::CTRL | Qt::Key_Y);
    QCOMPARE(ui::uniqueKeySequences({ctrlShiftZ, ctrlShiftZ, ctrlY}),
             (QList<QKeySequence>{ctrlShiftZ, ctrlY}));
    QCOMPARE(ui::uniqueKeySequences({ctrlY, QKeySequence(), ctrlShiftZ, ctrlY}),
             (QList<QKeySequence>{ctrlY, ctrlShiftZ}));
}

void TestShortcuts::platformBindingsComeFirst() {
    const QKeySequence ctrlShiftZ(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
    const QKeySequence ctrlY(Qt::CTRL | Qt::Key_Y);
    const QList<QKeySequence> platform = QKeySequence::keyBindings(QKeySequence::Redo);
    const QList<QKeySequence> redo = ui::keyBindings(QKeySequence::Redo, {ctrlShiftZ, ctrlY});
    QCOMPARE(redo.mid(0, platform.size()), ui::uniqueKeySequences(platform));
    QCOMPARE(redo.count(ctrlShiftZ), 1);
    QCOMPARE(redo.count(ctrlY), 1);
}

void TestShortcuts::numberFieldsLetSingleKeysThrough() {
    Form form;
    QVERIFY(form.show());
    int expected = 0;
    for (QWidget* field :
         std::initializer_list<QWidget*>{form.integers, form.hex, form.real, form.scientific}) {
        QVERIFY(Form::focus(field));
        const QString before = static_cast<QAbstractSpinBox*>(field)->text();
        press(Qt::Key_Space);
        press(Qt::Key_S);
        press(Qt::Key_R);
        ++expected;
        QCOMPARE(form.triggered[QStringLiteral("train")], expected);
        QCOMPARE(form.triggered[QStringLiteral("step")], expected);
        QCOMPARE(form.triggered[QStringLiteral("reset")], expected);
        QCOMPARE(static_cast<QAbstractSpinBox*>(field)->text(), before);
        QCOMPARE(QApplication::focusWidget(), field);
    }
}

void TestShortcuts::numberFieldsKeepWhatTheyType() {
    Form form;
    QVERIFY(form.show());
    QVERIFY(Form::focus(form.real));
    form.real->selectAll();
    QTest::keyClicks(form.real, QStringLiteral("-1.25"));
    QCOMPARE(form.real->text(), QStringLiteral("-1.25"));
    QTest::keyClick(form.real, Qt::Key_Enter);
    QCOMPARE(form.real->value(), -1.25);
    // 'e' stays with a number field even where it is no exponent: it types nothing.
    QTest::keyClick(form.real, Qt::Key_E);
    QCOMPARE(form.real->text(), QStringLiteral("-1.25"));

    QVERIFY(Form::focus(form.scientific));
    form.scientific->selectAll();
    QTest::keyClicks(form.scientific, QStringLiteral("1e-3"));
    QCOMPARE(form.scientific->text(), QStringLiteral("1e-3"));
    QTest::keyClick(form.scientific, Qt::Key_Enter);
    QCOMPARE(form.scientific->value(), 1e-3);
    QCOMPARE(form.total(), 0);

    for (QKeyCombination key :
         {QKeyCombination(Qt::Key_E), QKeyCombination(Qt::Key_5), QKeyCombination(Qt::Key_Period),
          QKeyCombination(Qt::Key_Minus), QKeyCombination(Qt::Key_Plus),
          QKeyCombination(Qt::Key_Backspace), QKeyCombination(Qt::Key_Delete)})
        QVERIFY2(claimed(form.real, key), qPrintable(QKeySequence(key).toString()));
    for (QKeyCombination key :
         {QKeyCombination(Qt::Key_Space), QKeyCombination(Qt::Key_S), QKeyCombination(Qt::Key_R)})
        QVERIFY2(!claimed(form.real, key), qPrintable(QKeySequence(key).toString()));
}

void TestShortcuts::letterDigitsStayInAHexField() {
    Form form;
    QVERIFY(form.show());
    QVERIFY(Form::focus(form.hex));
    QVERIFY(claimed(form.hex, Qt::Key_B));
    QVERIFY(claimed(form.hex, Qt::Key_F));
    QVERIFY(!claimed(form.hex, Qt::Key_S));
    QVERIFY(!claimed(form.integers, Qt::Key_B));
    form.hex->selectAll();
    QTest::keyClicks(form.hex, QStringLiteral("beef"));
    QTest::keyClick(form.hex, Qt::Key_Enter);
    QCOMPARE(form.hex->value(), 0xbeef);
    QCOMPARE(form.total(), 0);
}

void TestShortcuts::checkBoxKeepsSpace() {
    Form form;
    QVERIFY(form.show());
    QVERIFY(Form::focus(form.check));
    QVERIFY(!form.check->isChecked());
    press(Qt::Key_Space);
    QVERIFY(form.check->isChecked());
    press(Qt::Key_Space);
    QVERIFY(!form.check->isChecked());
    QCOMPARE(form.triggered[QStringLiteral("train")], 0);
    // It uses no letter: those stay the window's.
    press(Qt::Key_S);
    QCOMPARE(form.triggered[QStringLiteral("step")], 1);
}

void TestShortcuts::textFieldsAndComboBoxesAsQtHasThem() {
    Form form;
    QVERIFY(form.show());
    for (QWidget* field : std::initializer_list<QWidget*>{form.text, form.editableChoice}) {
        QVERIFY(Form::focus(field));
        QTest::keyClicks(field, QStringLiteral("s r e"));
        const QString typed =
            field == form.text ? form.text->text() : form.editableChoice->currentText();
        QCOMPARE(typed, QStringLiteral("s r e"));
    }
    QCOMPARE(form.total(), 0);
    for (QWidget* field :
         std::initializer_list<QWidget*>{form.text, form.editableChoice, form.choice, form.check})
        for (QKeyCombination key : {QKeyCombination(Qt::Key_S), QKeyCombination(Qt::Key_R)}) {
            QKeyEvent event(QEvent::ShortcutOverride, key.key(), key.keyboardModifiers());
            QCOMPARE(ui::ShortcutPassthrough::claim(field, event), Claim::AsQtDoes);
        }
}

void TestShortcuts::undoGoesToTheWindowOnceTheFieldHasNone() {
    Form form;
    QVERIFY(form.show());
    form.real->setValue(1);
    QVERIFY(Form::focus(form.real));
    const QString shown = form.real->text();
    form.real->selectAll();
    QTest::keyClicks(form.real, QStringLiteral("3"));
    // First the field's own typing...
    press(Qt::CTRL | Qt::Key_Z);
    QCOMPARE(form.real->text(), shown);
    QCOMPARE(form.triggered[QStringLiteral("undo")], 0);
    // ... then, with none left, the window's edits.
    press(Qt::CTRL | Qt::Key_Z);
    QCOMPARE(form.triggered[QStringLiteral("undo")], 1);
    const QKeySequence redo = QKeySequence::keyBindings(QKeySequence::Redo).value(0);
    QVERIFY(!redo.isEmpty());
    QTest::keySequence(form.real, redo);
    QCOMPARE(form.real->text(), QStringLiteral("3"));
    QCOMPARE(form.triggered[QStringLiteral("redo")], 0);
    QTest::keySequence(form.real, redo);
    QCOMPARE(form.triggered[QStringLiteral("redo")], 1);
}

void TestShortcuts::fieldsCreatedLaterAreCovered() {
    Form form;
    QVERIFY(form.show());
    auto* later = new QDoubleSpinBox;
    form.window.layout()->addWidget(later);
    later->show();
    QVERIFY(Form::focus(later));
    press(Qt::Key_Space);
    QCOMPARE(form.triggered[QStringLiteral("train")], 1);
}

void TestShortcuts::fieldsOfOtherWindowsAreLeftAlone() {
    Form form;
    QWidget other;
    auto* field = new QSpinBox(&other);
    other.show();
    QVERIFY(QTest::qWaitForWindowActive(&other));
    field->setFocus();
    // Qt's own answer: the line edit claims every printable key.
    QVERIFY(claimed(field, Qt::Key_Space));
    QVERIFY(claimed(field, Qt::Key_S));
}

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
