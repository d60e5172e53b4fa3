// Error messages quote text from hostile files: control bytes are shown, not
// sent to the terminal, and a message stays on one line.
#include "core/io/printable_text.h"

#include <QtTest>

#include <string>

using namespace linearlab;

class TestPrintableText : public QObject {
    Q_OBJECT

private slots:
    void controlBytesAreEscaped_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("shown");
        QTest::newRow("plain") << QByteArray("0.weight") << QByteArray("0.weight");
        QTest::newRow("escape sequence")
            << QByteArray("\x1b[2J0.weight") << QByteArray("\\x1b[2J0.weight");
        QTest::newRow("bell, cr, del") << QByteArray(
                                              "a\x07"
                                              "b\r"
                                              "c\x7f")
                                       << QByteArray("a\\x07b\\x0dc\\x7f");
        QTest::newRow("nul") << QByteArray("a\0b", 3) << QByteArray("a\\x00b");
        // UTF-8 is text, not control bytes: a Chinese name stays readable.
        QTest::newRow("utf-8") << QByteArray("权重.weight") << QByteArray("权重.weight");
    }

    void controlBytesAreEscaped() {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, shown);
        QCOMPARE(QByteArray::fromStdString(io::printable(text.toStdString())), shown);
    }

    void longTextIsCut() {
        QCOMPARE(io::printable(std::string(300, 'x'), 256), std::string(256, 'x') + "...");
        QCOMPARE(io::printable("short", 256), std::string("short"));
    }

    void pytorchContinuationLinesStay() {
        // load_state_dict's RuntimeError text, as PyTorch prints it.
        const std::string torch =
            "Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: "
            "\"0.bias\". \n\tUnexpected key(s) in state_dict: \"9.bias\". ";
        QCOMPARE(io::errorText(torch), torch);
    }

    void otherBreaksBecomeSpaces() {
        QCOMPARE(io::errorText("a\nb\tc\rd\n"), std::string("a b c d "));
        QCOMPARE(io::errorText("w.pt: name \x1b]0;owned\x07"),
                 std::string("w.pt: name \\x1b]0;owned\\x07"));
    }
};

QTEST_GUILESS_MAIN(TestPrintableText)
#include "tst_printable_text.moc"
