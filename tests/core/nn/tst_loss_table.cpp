// The loss table against torch.nn 1.13: names in GUI order, keywords with their
// defaults, and which losses take class indices, agreeing with the losses themselves.
#include "core/nn/cross_entropy_loss.h"
#include "core/nn/huber_loss.h"
#include "core/nn/loss_factory.h"
#include "core/nn/loss_table.h"

#include <QtTest>

#include <map>

using namespace linearlab::nn;

class TestLossTable : public QObject {
    Q_OBJECT

private slots:
    void listsTheLossesInGuiOrder() {
        QCOMPARE(lossTypeNames(),
                 (std::vector<std::string>{"MSELoss", "L1Loss", "HuberLoss", "CrossEntropyLoss",
                                           "BCEWithLogitsLoss"}));
        QVERIFY(findLoss("HuberLoss") == &lossTable()[2]);
        QVERIFY(findLoss("NLLLoss") == nullptr);
    }

    void keywordsInSignatureOrderWithPyTorchsDefaults() {
        // torch.nn 1.13's signatures, legacy size_average/reduce left out:
        // CrossEntropyLoss(weight=None, size_average=None, ignore_index=-100, reduce=None,
        // reduction='mean', label_smoothing=0.0), BCEWithLogitsLoss(weight=None, ...,
        // reduction='mean', pos_weight=None), HuberLoss(reduction='mean', delta=1.0).
        using K = LossKeyword;
        const std::map<std::string, std::vector<K>> expected{
            {"MSELoss", {K::reduction}},
            {"L1Loss", {K::reduction}},
            {"HuberLoss", {K::reduction, K::delta}},
            {"CrossEntropyLoss", {K::weight, K::ignore_index, K::reduction, K::label_smoothing}},
            {"BCEWithLogitsLoss", {K::weight, K::reduction, K::pos_weight}},
        };
        for (const LossInfo& info : lossTable()) {
            std::vector<K> keywords;
            for (const LossArgument& a : info.arguments)
                keywords.push_back(a.keyword);
            QVERIFY2(keywords == expected.at(info.name), info.name.c_str());
            QCOMPARE(std::get<std::string>(*info.argument(K::reduction)->defaultValue),
                     std::string("mean"));
        }
        const LossInfo& ce = *findLoss("CrossEntropyLoss");
        QVERIFY(!ce.argument(K::weight)->defaultValue);  // None
        QCOMPARE(std::get<long long>(*ce.argument(K::ignore_index)->defaultValue), -100LL);
        QCOMPARE(std::get<double>(*ce.argument(K::label_smoothing)->defaultValue), 0.0);
        QVERIFY(!findLoss("BCEWithLogitsLoss")->argument(K::pos_weight)->defaultValue);
        QCOMPARE(std::get<double>(*findLoss("HuberLoss")->argument(K::delta)->defaultValue), 1.0);
        auto huber = makeLoss<double>("HuberLoss");
        QCOMPARE(dynamic_cast<HuberLoss<double>&>(*huber).delta(), 1.0);
        auto crossEntropy = makeLoss<double>("CrossEntropyLoss");
        const CrossEntropyOptions& o =
            dynamic_cast<CrossEntropyLoss<double>&>(*crossEntropy).options();
        QCOMPARE(o.ignore_index, -100LL);
        QCOMPARE(o.label_smoothing, 0.0);
        QVERIFY(o.weight.empty());
        QCOMPARE(crossEntropy->reduction(), Reduction::Mean);
    }

    void keywordNamesAndKinds() {
        using K = LossKeyword;
        QStringList names;
        for (K k : lossKeywords())
            names << keywordName(k);
        QCOMPARE(names, (QStringList{"reduction", "weight", "ignore_index", "label_smoothing",
                                     "pos_weight", "delta"}));
        QCOMPARE(keywordKind(K::reduction), LossValueKind::Choice);
        QCOMPARE(keywordKind(K::ignore_index), LossValueKind::Integer);
        QCOMPARE(keywordKind(K::label_smoothing), LossValueKind::Number);
        QCOMPARE(keywordKind(K::weight), LossValueKind::Numbers);
        QCOMPARE(keywordKind(K::pos_weight), LossValueKind::Numbers);
        QCOMPARE(reductionChoices(), (std::vector<std::string>{"mean", "sum", "none"}));
    }

    void pythonSpelling() {
        QCOMPARE(pythonLossValue(std::string("sum")), std::string("'sum'"));
        QCOMPARE(pythonLossValue(-100LL), std::string("-100"));
        QCOMPARE(pythonLossValue(0.1), std::string("0.1"));
        QCOMPARE(pythonLossValue(std::vector<double>{1, 0.5}),
                 std::string("torch.tensor([1.0, 0.5])"));
        QCOMPARE(lossValueText(std::vector<double>{2}), std::string("[2.0]"));
    }

    void valueProblemsInTorchsWords() {
        using K = LossKeyword;
        QCOMPARE(lossValueProblem(K::reduction, std::string("avg")),
                 std::string("avg is not a valid value for reduction"));
        QCOMPARE(lossValueProblem(K::reduction, std::string("none")), std::string());
        QCOMPARE(lossValueProblem(K::label_smoothing, 1.5),
                 std::string("label_smoothing must be between 0.0 and 1.0. Got: 1.5"));
        QCOMPARE(lossValueProblem(K::label_smoothing, -0.5), std::string());  // torch: no smoothing
        QCOMPARE(lossValueProblem(K::delta, 0.0),
                 std::string("huber_loss does not support non-positive values for delta."));
        LossOptions o;
        o.reduction = "avg";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeLoss<float>("MSELoss", o));
        o = {};
        o.label_smoothing = 2.0;
        try {
            makeLoss<float>("CrossEntropyLoss", o);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()), "label_smoothing must be between 0.0 and 1.0. Got: 2");
        }
    }

    void classIndicesAgreeWithTheLosses() {
        for (const LossInfo& info : lossTable()) {
            QCOMPARE(info.takesClassIndices, info.name == "CrossEntropyLoss");
            QCOMPARE(makeLoss<float>(info.name)->classification(), info.takesClassIndices);
            QCOMPARE(makeLoss<float>(info.name)->typeName(), info.name);
        }
    }

    void keywordValueIsTheField() {
        LossOptions o;
        for (LossKeyword k : lossKeywords())
            QVERIFY(!keywordValue(o, k));
        setKeywordValue(o, LossKeyword::delta, 0.5);
        QCOMPARE(o.delta, std::optional<double>(0.5));
        setKeywordValue(o, LossKeyword::weight, std::vector<double>{1, 2});
        QCOMPARE(o.weight, std::optional(std::vector<double>{1, 2}));
        setKeywordValue(o, LossKeyword::ignore_index, 3LL);
        QCOMPARE(std::get<long long>(*keywordValue(o, LossKeyword::ignore_index)), 3LL);
        setKeywordValue(o, LossKeyword::reduction, std::string("sum"));
        QCOMPARE(reductionOf(o), std::string("sum"));
        setKeywordValue(o, LossKeyword::delta, std::nullopt);
        QVERIFY(!o.delta);
        // A value of the wrong kind is a programming error, not a user's.
        QVERIFY_THROWS_EXCEPTION(std::logic_error,
                                 setKeywordValue(o, LossKeyword::ignore_index, 0.5));
        QCOMPARE(std::get<long long>(*keywordValueOrDefault("CrossEntropyLoss", LossOptions{},
                                                            LossKeyword::ignore_index)),
                 -100LL);
        QVERIFY(!keywordValueOrDefault("MSELoss", LossOptions{}, LossKeyword::ignore_index));
    }

    void unexpectedKeywordInPythonsWords() {
        LossOptions o;
        o.delta = 2.0;
        try {
            makeLoss<float>("L1Loss", o);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(
                QString(e.what()),
                QStringLiteral("L1Loss.__init__() got an unexpected keyword argument 'delta'"));
        }
        o = {};
        o.pos_weight = std::vector<double>{2.0};
        try {
            makeLoss<float>("CrossEntropyLoss", o);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()),
                     QStringLiteral("CrossEntropyLoss.__init__() got an unexpected keyword "
                                    "argument 'pos_weight'"));
        }
        o = {};
        o.delta = 2.0;
        try {
            makeLoss<float>("L1Loss", o);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(
                QString(e.what()),
                QStringLiteral("L1Loss.__init__() got an unexpected keyword argument 'delta'"));
        }
    }
};

QTEST_APPLESS_MAIN(TestLossTable)
#include "tst_loss_table.moc"
