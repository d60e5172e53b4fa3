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
                 (std::vector<std::string>{"SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adamax",
                                           "NAdam", "RAdam"}));
        QCOMPARE(optimizerTable().size(), size_t(8));
        QVERIFY(findOptimizer("Adam") == &optimizerTable()[1]);
        QVERIFY(findOptimizer("LBFGS") == nullptr);
        QVERIFY(findOptimizer("adam") == nullptr);  // Python's names are case-sensitive
    }

    void defaultsArePyTorchs_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<Signature>("expected");
        const std::array<double, 2> betas{0.9, 0.999};
        // torch.optim.SGD(params, lr=required, momentum=0, dampening=0, weight_decay=0,
        // nesterov=False, *, maximize=False); the lab's lr for a design without one is 0.01.
        QTest::newRow("SGD") << "SGD" << Signature{{"lr", 0.01},        {"momentum", 0.0},
                                                   {"dampening", 0.0},  {"weight_decay", 0.0},
                                                   {"nesterov", false}, {"maximize", false}};
        QTest::newRow("Adam") << "Adam" << Signature{{"lr", 1e-3},       {"betas", betas},
                                                     {"eps", 1e-8},      {"weight_decay", 0.0},
                                                     {"amsgrad", false}, {"maximize", false}};
        QTest::newRow("AdamW") << "AdamW" << Signature{{"lr", 1e-3},       {"betas", betas},
                                                       {"eps", 1e-8},      {"weight_decay", 1e-2},
                                                       {"amsgrad", false}, {"maximize", false}};
        QTest::newRow("RMSprop") << "RMSprop"
                                 << Signature{{"lr", 1e-2},       {"alpha", 0.99},
                                              {"eps", 1e-8},      {"weight_decay", 0.0},
                                              {"momentum", 0.0},  {"centered", false},
                                              {"maximize", false}};
        QTest::newRow("Adagrad") << "Adagrad"
                                 << Signature{
                                        {"lr", 1e-2},          {"lr_decay", 0.0},
                                        {"weight_decay", 0.0}, {"initial_accumulator_value", 0.0},
                                        {"eps", 1e-10},        {"maximize", false}};
        QTest::newRow("Adamax") << "Adamax"
                                << Signature{{"lr", 2e-3},
                                             {"betas", betas},
                                             {"eps", 1e-8},
                                             {"weight_decay", 0.0},
                                             {"maximize", false}};
        // 1.13's NAdam and RAdam have no maximize.
        QTest::newRow("NAdam") << "NAdam"
                               << Signature{{"lr", 2e-3},
                                            {"betas", betas},
                                            {"eps", 1e-8},
                                            {"weight_decay", 0.0},
                                            {"momentum_decay", 4e-3}};
        QTest::newRow("RAdam") << "RAdam"
                               << Signature{{"lr", 1e-3},
                                            {"betas", betas},
                                            {"eps", 1e-8},
                                            {"weight_decay", 0.0}};
    }

    void argumentsAreInSignatureOrder_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("order");
        QTest::newRow("RMSprop") << "RMSprop"
                                 << "lr alpha eps weight_decay momentum centered maximize";
        QTest::newRow("Adagrad")
            << "Adagrad"
            << "lr lr_decay weight_decay initial_accumulator_value eps maximize";
        QTest::newRow("NAdam") << "NAdam"
                               << "lr betas eps weight_decay momentum_decay";
    }
    void argumentsAreInSignatureOrder() {
        QFETCH(QString, type);
        QFETCH(QString, order);
        QStringList names;
        for (const OptimizerArgument& a : findOptimizer(type.toStdString())->arguments)
            names << keywordName(a.keyword);
        QCOMPARE(names.join(' '), order);
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
        QCOMPARE(optimizerKeywords().size(), size_t(14));
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
        QCOMPARE(names.join(' '),
                 QStringLiteral("lr momentum dampening weight_decay nesterov betas eps amsgrad "
                                "alpha centered lr_decay initial_accumulator_value "
                                "momentum_decay maximize"));
        OptimizerOptions o;
        o.lr = 0.1;
        QVERIFY(keywordValue(o, K::lr) == OptimizerValue(0.1));
    }

    void optionsCompareEveryKeyword() {
        // operator== looks at every field: set each keyword in turn on one side.
        for (K k : optimizerKeywords()) {
            OptimizerOptions a, b;
            const OptimizerValue v = keywordKind(k) == OptimizerValueKind::Number
                                         ? OptimizerValue(0.5)
                                     : keywordKind(k) == OptimizerValueKind::Flag
                                         ? OptimizerValue(false)
                                         : OptimizerValue(std::array<double, 2>{0.9, 0.999});
            QVERIFY(a == b);
            setKeywordValue(a, k, v);
            QVERIFY2(!(a == b), keywordName(k));  // omitted differs from set to a default
            setKeywordValue(b, k, v);
            QVERIFY2(a == b, keywordName(k));
        }
    }

    void stateTensorsFollowTheKeywords() {
        OptimizerOptions o;
        o.type = "Adagrad";
        QCOMPARE(optimizerStateTensors(o), Index(1));
        o.maximize = true;
        QCOMPARE(optimizerStateTensors(o), Index(1));
        for (const char* type : {"Adamax", "NAdam", "RAdam"}) {
            OptimizerOptions t;
            t.type = type;
            QCOMPARE(optimizerStateTensors(t), Index(2));
        }
        o = {};
        o.type = "Nope";
        QCOMPARE(optimizerStateTensors(o), Index(0));
    }
};

QTEST_APPLESS_MAIN(TestOptimizerTable)
#include "tst_optimizer_table.moc"
