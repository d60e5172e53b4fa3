#include "core/io/csv_weights_format.h"
#include "io_test_util.h"

#include <QtTest>

using namespace linearlab::io;
using namespace linearlab::io::test;

class TestCsvWeightsFormat : public QObject {
    Q_OBJECT

private slots:
    void roundTrip() {
        const StateDict sd = textFormatSample();
        const StateDict back = decodeCsvWeights(encodeCsvWeights(sd));
        // Text loses only the NaN payload and sign, which the format cannot spell.
        QCOMPARE(QString::fromStdString(compare(back, sd, false)), QString());
        QVERIFY(sameBits(back[6].values.float32()[3], -0.0f));
    }

    void csvLayout() {
        NamedTensor t = makeTensor("w", {2, 2}, 1.0f);
        t.values = {1.0f, 0.1f, -2.5f, std::numeric_limits<float>::infinity()};
        QCOMPARE(QString::fromStdString(
                     encodeCsvWeights({t, makeTensor("e", {0, 3}), makeTensor("s", {}, 2.0f)})),
                 QStringLiteral("name,shape,values\nw,2x2,1,0.1,-2.5,inf\ne,0x3\ns,scalar,2\n"));
    }

    void rejectsMalformedCsv_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("no header") << "w,2,1,2\n"
                                   << "header row";
        QTest::newRow("empty") << ""
                               << "CSV is empty";
        QTest::newRow("count") << "name,shape,values\nw,2x2,1,2,3\n"
                               << "needs 4 values, row has 3";
        QTest::newRow("bad shape") << "name,shape,values\nw,2*2,1\n"
                                   << "not dims joined by 'x'";
        QTest::newRow("bad number") << "name,shape,values\nw,1,abc\n"
                                    << "'abc' is not a number";
        QTest::newRow("unterminated quote") << "name,shape,values\n\"w,1,2\n"
                                            << "unterminated quoted field";
        QTest::newRow("duplicate") << "name,shape,values\nw,1,1\nw,1,2\n"
                                   << "appears twice";
        QTest::newRow("comma bomb")
            << "name,shape,values\nw,1" + QString(100000, ',') << "is not a number";
        QTest::newRow("negative dimension") << "name,shape,values\nw,-2x1,1,2\n"
                                            << "line 2: shape '-2x1' is not dims joined by 'x'";
        QTest::newRow("empty dimension") << "name,shape,values\nw,2xx1,1,2\n"
                                         << "shape '2xx1' is not dims joined by 'x'";
        QTest::newRow("trailing x") << "name,shape,values\nw,2x,1,2\n"
                                    << "shape '2x' is not dims joined by 'x'";
        QTest::newRow("spaced") << "name,shape,values\nw,2 x 1,1,2\n"
                                << "shape '2 x 1' is not dims joined by 'x'";
        QTest::newRow("empty shape") << "name,shape,values\nw,,1\n"
                                     << "shape '' is not dims joined by 'x'";
        QTest::newRow("overflowing dimension") << "name,shape,values\nw,99999999999999999999\n"
                                               << "line 2: dimension too large";
        QTest::newRow("overflowing product")
            << "name,shape,values\nw,4294967296x4294967296x4294967296\n"
            << "too many elements";
        QTest::newRow("too many dimensions")
            << "name,shape,values\nw," + QString("1x").repeated(32) + "1,1\n"
            << "line 2: shape has more than 32 dimensions";
    }
    void rejectsMalformedCsv() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            decodeCsvWeights(text.toStdString());
            QFAIL("accepted malformed CSV");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestCsvWeightsFormat)
#include "tst_csv_weights_format.moc"
