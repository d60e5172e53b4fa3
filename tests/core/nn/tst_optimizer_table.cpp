// The optimizer table against torch.optim 1.13's signatures: which keywords each
// optimizer takes and their defaults, and the keyword accessors on OptimizerOptions.
#include "core/nn/optimizer_factory.h"
#include "core/nn/optimizer_table.h"
#include "core/nn/rmsprop.h"
#include "core/nn/sgd.h"

#include <QtTest>

#include <map>

using namespace linearlab::nn;
using K = OptimizerKeyword;

namespace {

using Signature = std::map<std::string, OptimizerValue>;

/// Every keyword `info` takes with its default, by name.
Signature signatureOf(const OptimizerInfo& info) {
    Signature s;
    for (const OptimizerArgument& a : info.arguments)
        s[keywordName(a.keyword)] = a.defaultValue;
    return s;
}

}  // namespace

Q_DECLARE_METATYPE(Signature)

class TestOptimizerTable : public QObject {
    Q_OBJECT

private slots:
    void listsTorchOptimsTypesInGuiOrder() {
        QCOMPARE(optimizerTypeNames(),
                 (std::vector<std::string>{"SGD", "Adam", "AdamW", "RMSprop"}));
        QCOMPARE(optimizerTable().size(), size_t(4));
        QVERIFY(findOptimizer("Adam") == &optimizerTable()[1]);
        QVERIFY(findOptimizer("LBFGS") == nullptr);
        QVERIFY(findOptimizer("adam") == nullptr);  // Python's names are case-sensitive
    }

    void defaultsArePyTorchs_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<Signature>("expected");
        const std::array<double, 2> betas{0.9, 0.999};
        // torch.optim.SGD(params, lr=required, momentum=0, dampening=0, weight_decay=0,
        // nesterov=False); the lab's lr for a design without one is 0.01.
        QTest::newRow("SGD") << "SGD"
                             << Signature{{"lr", 0.01},
                                          {"momentum", 0.0},
                                          {"dampening", 0.0},
                                          {"weight_decay", 0.0},
                                          {"nesterov", false}};
        QTest::newRow("Adam") << "Adam"
                              << Signature{{"lr", 1e-3},
                                           {"betas", betas},
                                           {"eps", 1e-8},
                                           {"weight_decay", 0.0},
                                           {"amsgrad", false}};
        QTest::newRow("AdamW") << "AdamW"
                               << Signature{{"lr", 1e-3},
                                            {"betas", betas},
                                            {"eps", 1e-8},
                                            {"weight_decay", 1e-2},
                                            {"amsgrad", false}};
        QTest::newRow("RMSprop") << "RMSprop" << Signature{{"lr", 1e-2},      {"alpha", 0.99},
                                                           {"eps", 1e-8},     {"weight_decay", 0.0},
                                                           {"momentum", 0.0}, {"centered", false}};
    }
    void defaultsArePyTorchs() {
        QFETCH(QString, type);
        QFETCH(Signature, expected);
        const OptimizerInfo* info = findOptimizer(type.toStdString());
        QVERIFY(info);
        QVERIFY(signatureOf(*info) == expected);
        for (const OptimizerArgument& a : info->arguments)
            QCOMPARE(static_cast<int>(a.defaultValue.index()),
                     static_cast<int>(keywordKind(a.keyword)));
    }

    void onlySgdsLrIsRequired() {
        for (const OptimizerInfo& info : optimizerTable())
            for (const OptimizerArgument& a : info.arguments)
                QCOMPARE(a.required, info.name == "SGD" && a.keyword == K::lr);
    }

    void makeOptimizerTakesTheTablesDefaults() {
        Parameter<double> p(Shape{2});
        OptimizerOptions o;
        o.lr = 0.5;  // SGD's is required
        auto sgd = makeOptimizer<double>(o, {&p});
        auto& s = dynamic_cast<SGD<double>&>(*sgd);
        QCOMPARE(s.momentum(), 0.0);
        QCOMPARE(s.dampening(), 0.0);
        QCOMPARE(s.weightDecay(), 0.0);
        QVERIFY(!s.nesterov());
        o = {};
        o.type = "RMSprop";
        auto rms = makeOptimizer<double>(o, {&p});
        QCOMPARE(rms->lr(), 1e-2);
        QCOMPARE(dynamic_cast<RMSprop<double>&>(*rms).alpha(), 0.99);
    }

    void everyKeywordIsOneField() {
        QCOMPARE(optimizerKeywords().size(), size_t(10));
        const OptimizerOptions empty;
        for (K k : optimizerKeywords()) {
            QVERIFY(!keywordValue(empty, k));
            OptimizerValue v;
            switch (keywordKind(k)) {
                case OptimizerValueKind::Number:
                    v = 0.25;
                    break;
                case OptimizerValueKind::Flag:
                    v = true;
                    break;
                case OptimizerValueKind::Pair:
                    v = std::array<double, 2>{0.5, 0.75};
                    break;
            }
            OptimizerOptions o;
            setKeywordValue(o, k, v);
            QVERIFY(keywordValue(o, k) == v);
            // No other keyword changed.
            for (K other : optimizerKeywords())
                QCOMPARE(keywordValue(o, other).has_value(), other == k);
            setKeywordValue(o, k, std::nullopt);
            QVERIFY(!keywordValue(o, k));
        }
        OptimizerOptions o;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, setKeywordValue(o, K::nesterov, 1.0));
    }

    void keywordNamesAreTorchOptims() {
        QStringList names;
        for (K k : optimizerKeywords())
            names << keywordName(k);
        QCOMPARE(names.join(' '), QStringLiteral("lr momentum dampening weight_decay nesterov "
                                                 "betas eps amsgrad alpha centered"));
        OptimizerOptions o;
        o.lr = 0.1;
        QVERIFY(keywordValue(o, K::lr) == OptimizerValue(0.1));
    }
};

QTEST_APPLESS_MAIN(TestOptimizerTable)
#include "tst_optimizer_table.moc"
