// The element types safetensors and torch.save share: names, sizes, and each
// type's bytes (as torch writes them) read back to the float LinearLab keeps.
#include "core/io/element_type.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <string>

using namespace linearlab::io::detail;

namespace {

std::string bytes(std::initializer_list<int> b) {
    std::string s;
    for (int c : b)
        s += static_cast<char>(c);
    return s;
}

float load(ElementType type, std::initializer_list<int> b) {
    return loadElement(type, bytes(b).data());
}

}  // namespace

class TestElementType : public QObject {
    Q_OBJECT

private slots:
    void namesAndSizes() {
        const struct {
            ElementType type;
            const char* name;
            int size;
        } all[] = {{ElementType::Float32, "float32", 4}, {ElementType::Float64, "float64", 8},
                   {ElementType::Float16, "float16", 2}, {ElementType::BFloat16, "bfloat16", 2},
                   {ElementType::Int64, "int64", 8},     {ElementType::Int32, "int32", 4}};
        for (const auto& t : all) {
            QCOMPARE(QString(torchName(t.type)), QString(t.name));
            QCOMPARE(itemSize(t.type), t.size);
        }
    }

    void loadsTorchBytes() {
        // torch.tensor([...], dtype=...).numpy().tobytes()
        QCOMPARE(load(ElementType::Float32, {0xcd, 0xcc, 0xcc, 0x3d}), 0.1f);
        QCOMPARE(load(ElementType::Float64, {0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f}),
                 0.1f);
        QCOMPARE(load(ElementType::Float16, {0x00, 0x3c}), 1.0f);
        QCOMPARE(load(ElementType::Float16, {0x00, 0xc0}), -2.0f);
        QCOMPARE(load(ElementType::Float16, {0xff, 0x7b}), 65504.0f);               // largest half
        QCOMPARE(load(ElementType::Float16, {0x01, 0x00}), std::ldexp(1.0f, -24));  // subnormal
        QCOMPARE(load(ElementType::Float16, {0x00, 0x7c}), std::numeric_limits<float>::infinity());
        QVERIFY(std::isnan(load(ElementType::Float16, {0x00, 0x7e})));
        QCOMPARE(load(ElementType::BFloat16, {0x80, 0x3f}), 1.0f);
        QCOMPARE(load(ElementType::BFloat16, {0xc9, 0x40}), 6.28125f);
        QCOMPARE(load(ElementType::Int64, {0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), -2.0f);
        QCOMPARE(load(ElementType::Int64, {0, 0, 0, 0, 0, 0, 0, 0x40}), std::ldexp(1.0f, 62));
        QCOMPARE(load(ElementType::Int32, {0xff, 0xff, 0xff, 0x7f}), 2147483648.0f);
        QCOMPARE(load(ElementType::Int32, {0x00, 0x00, 0x00, 0x80}), -2147483648.0f);
    }

    void float64BeyondFloatIsInfinite() {
        // 1e300 and -1e300: no float holds them; converting them directly is undefined.
        QCOMPARE(load(ElementType::Float64, {0x9c, 0x75, 0x00, 0x88, 0x3c, 0xe4, 0x37, 0x7e}),
                 std::numeric_limits<float>::infinity());
        QCOMPARE(load(ElementType::Float64, {0x9c, 0x75, 0x00, 0x88, 0x3c, 0xe4, 0x37, 0xfe}),
                 -std::numeric_limits<float>::infinity());
        QCOMPARE(load(ElementType::Float64, {0, 0, 0, 0, 0, 0, 0xf0, 0x7f}),
                 std::numeric_limits<float>::infinity());
    }

    void unalignedElements() {
        const std::string b = bytes({0x00, 0x00, 0x00, 0x80, 0x3f, 0x00});
        QCOMPARE(loadElement(ElementType::Float32, b.data() + 1), 1.0f);
        QCOMPARE(loadElement(ElementType::BFloat16, b.data() + 3), 1.0f);
    }
};

QTEST_APPLESS_MAIN(TestElementType)
#include "tst_element_type.moc"
