// Reading and restoring how a JSON number was spelled (2 or 2.0), which Qt's
// parser and writer drop.
#include "core/io/json_number_spelling.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace linearlab::io;

class TestJsonNumberSpelling : public QObject {
    Q_OBJECT

private slots:
    void findsFractionsAndExponents() {
        // A key with an escaped quote, strings that look like numbers, nesting.
        const QByteArray json =
            "{\"a\": 2, \"b\": 2.0, \"c\": [1, 1e3, -0.5, \"2.0\"],"
            " \"d\": {\"e\\\"f\": 3.25, \"g\": [{\"h\": 7}, {\"h\": 7.0}]},"
            " \"t\": true, \"n\": null}";
        const std::set<std::string> expected{"b", "c[1]", "c[2]", "d.e\\\"f", "d.g[1].h"};
        QCOMPARE(fractionalNumbers(json), expected);
    }

    void restoresTheFractionQtDrops() {
        QJsonObject o{{"layers", QJsonArray{QJsonObject{{"beta", 2.0}, {"threshold", 20.0}},
                                            QJsonObject{{"alpha", 0.5}}}},
                      {"big", 1e20}};
        const QByteArray qt = QJsonDocument(o).toJson(QJsonDocument::Compact);
        QVERIFY(qt.contains(R"("beta":2,)"));  // what Qt writes for 2.0
        const QByteArray fixed =
            withFractions(qt, {"layers[0].beta", "layers[1].alpha", "big", "missing"});
        QVERIFY2(fixed.contains(R"("beta":2.0,)") && fixed.contains(R"("threshold":20})") &&
                     fixed.contains(R"("alpha":0.5})") && !fixed.contains("e+20.0"),
                 fixed.constData());
        QCOMPARE(QJsonDocument::fromJson(fixed).object(), o);  // the values are unchanged
        QCOMPARE(fractionalNumbers(fixed),
                 (std::set<std::string>{"big", "layers[0].beta", "layers[1].alpha"}));
    }

    void pathsUnderAPrefix() {
        QCOMPARE(pathsUnder({"design.layers[0].beta", "designer.x", "weights[0]"}, "design."),
                 (std::set<std::string>{"layers[0].beta"}));
    }
};

QTEST_APPLESS_MAIN(TestJsonNumberSpelling)
#include "tst_json_number_spelling.moc"
