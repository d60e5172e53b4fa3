// Little-endian loads and stores against byte strings written out by hand
// (the layouts numpy, safetensors, zip and CPython's pickle produce), at odd
// offsets, and bounds-checked reads of truncated buffers.
#include "core/data/little_endian.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <string>

using namespace linearlab::data;

namespace {

std::string bytes(std::initializer_list<int> b) {
    std::string s;
    for (int c : b)
        s += static_cast<char>(c);
    return s;
}

}  // namespace

class TestLittleEndian : public QObject {
    Q_OBJECT

private slots:
    void loadsIntegers() {
        const std::string b = bytes({0x50, 0x4b, 0x03, 0x04, 0xff, 0xff, 0xff, 0xff, 0x2a});
        QCOMPARE(loadLE<std::uint32_t>(b.data()), std::uint32_t{0x04034b50});  // zip local header
        QCOMPARE(loadLE<std::uint16_t>(b.data() + 2), std::uint16_t{0x0403});
        QCOMPARE(loadLE<std::int32_t>(b.data() + 4), std::int32_t{-1});
        QCOMPARE(loadLE<std::uint32_t>(b.data() + 4), std::uint32_t{0xffffffff});
        // Unaligned: starts at an odd offset.
        QCOMPARE(loadLE<std::uint64_t>(b.data() + 1), std::uint64_t{0x2affffffff04034b});
        QCOMPARE(loadLE<std::int64_t>(bytes({0, 0, 0, 0, 0, 0, 0, 0x80}).data()),
                 std::numeric_limits<std::int64_t>::min());
        QCOMPARE(loadLE<std::uint8_t>(b.data() + 8), std::uint8_t{42});
    }

    void loadsFloats() {
        QCOMPARE(loadLE<float>(bytes({0x00, 0x00, 0x80, 0x3f}).data()), 1.0f);
        QCOMPARE(loadLE<float>(bytes({0xcd, 0xcc, 0xcc, 0x3d}).data()), 0.1f);
        QCOMPARE(loadLE<double>(bytes({0, 0, 0, 0, 0, 0, 0xf0, 0xbf}).data()), -1.0);
        QVERIFY(std::isnan(loadLE<float>(bytes({0x00, 0x00, 0xc0, 0x7f}).data())));
        const float negZero = loadLE<float>(bytes({0, 0, 0, 0x80}).data());
        QCOMPARE(negZero, 0.0f);
        QVERIFY(std::signbit(negZero));
        QCOMPARE(loadLE<float>(bytes({0x01, 0, 0, 0}).data()),
                 std::numeric_limits<float>::denorm_min());
    }

    void variableWidths_data() {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<qint64>("asSigned");
        QTest::addColumn<quint64>("asUnsigned");
        // LONG1 payloads as CPython's pickle writes them.
        QTest::newRow("empty is 0") << QByteArray() << qint64{0} << quint64{0};
        QTest::newRow("-1") << QByteArray("\xff", 1) << qint64{-1} << quint64{0xff};
        QTest::newRow("255") << QByteArray("\xff\x00", 2) << qint64{255} << quint64{255};
        QTest::newRow("-256") << QByteArray("\x00\xff", 2) << qint64{-256} << quint64{0xff00};
        QTest::newRow("2^31") << QByteArray("\x00\x00\x00\x80\x00", 5) << qint64{2147483648}
                              << quint64{2147483648};
        QTest::newRow("-2^39") << QByteArray("\x00\x00\x00\x00\x80", 5) << qint64{-549755813888}
                               << quint64{0x8000000000};
        QTest::newRow("int64 max")
            << QByteArray("\xff\xff\xff\xff\xff\xff\xff\x7f", 8)
            << std::numeric_limits<qint64>::max() << quint64{0x7fffffffffffffff};
        QTest::newRow("int64 min")
            << QByteArray("\x00\x00\x00\x00\x00\x00\x00\x80", 8)
            << std::numeric_limits<qint64>::min() << quint64{0x8000000000000000};
    }
    void variableWidths() {
        QFETCH(QByteArray, data);
        QFETCH(qint64, asSigned);
        QFETCH(quint64, asUnsigned);
        const auto width = static_cast<std::size_t>(data.size());
        QCOMPARE(loadLESigned(data.constData(), width), asSigned);
        QCOMPARE(loadLEUnsigned(data.constData(), width), asUnsigned);
        std::string back(width, '?');
        storeLEUnsigned(back.data(), asUnsigned, width);
        QCOMPARE(QByteArray::fromStdString(back), data);
    }

    void storesWhatLoads() {
        std::string out;
        appendLE<std::uint16_t>(out, 0x1234);
        appendLE<float>(out, 1.0f);
        appendLE<std::int64_t>(out, -2);
        QCOMPARE(out, bytes({0x34, 0x12, 0x00, 0x00, 0x80, 0x3f, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff,
                             0xff, 0xff}));
        char b[8];
        storeLE(b, -0.5);
        QCOMPARE(loadLE<double>(b), -0.5);
        QCOMPARE(std::string(b, 8), bytes({0, 0, 0, 0, 0, 0, 0xe0, 0xbf}));
        // Only the low `width` bytes are written.
        std::string narrow = "abcd";
        storeLEUnsigned(narrow.data(), 0x11223344556677ull, 2);
        QCOMPARE(narrow, std::string("\x77\x66"
                                     "cd"));
    }

    void readRefusesTruncatedBuffers() {
        const std::string b = bytes({1, 2, 3, 4, 5, 6, 7, 8, 9});
        std::uint64_t u64 = 99;
        QVERIFY(readLE(b, 0, u64));
        QCOMPARE(u64, std::uint64_t{0x0807060504030201});
        QVERIFY(readLE(b, 1, u64));
        QCOMPARE(u64, std::uint64_t{0x0908070605040302});
        u64 = 99;
        QVERIFY(!readLE(b, 2, u64));       // 7 bytes left for 8
        QCOMPARE(u64, std::uint64_t{99});  // untouched
        std::uint16_t u16 = 7;
        QVERIFY(readLE(b, 7, u16));
        QCOMPARE(u16, std::uint16_t{0x0908});
        QVERIFY(!readLE(b, 8, u16));
        QVERIFY(!readLE(b, 9, u16));
        // Offsets past the end, however large, are refused rather than wrapped.
        QVERIFY(!readLE(b, std::numeric_limits<std::size_t>::max(), u16));
        QVERIFY(!readLE(b, std::numeric_limits<std::size_t>::max() - 1, u16));
        QVERIFY(!readLE(std::string_view(), 0, u16));
        std::uint8_t u8 = 0;
        QVERIFY(readLE(b, 8, u8));
        QCOMPARE(u8, std::uint8_t{9});
    }
};

QTEST_APPLESS_MAIN(TestLittleEndian)
#include "tst_little_endian.moc"
