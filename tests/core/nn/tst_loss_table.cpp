// The loss table against torch.nn 1.13: names in GUI order, keywords with their
// defaults, and which losses take class indices, agreeing with the losses themselves.
#include "core/nn/huber_loss.h"
#include "core/nn/loss_factory.h"
#include "core/nn/loss_table.h"

#include <QtTest>

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

    void onlyHuberLossTakesDeltaWithPyTorchsDefault() {
        // torch.nn.HuberLoss(reduction='mean', delta=1.0)
        for (const LossInfo& info : lossTable()) {
            QCOMPARE(info.takes(LossKeyword::delta), info.name == "HuberLoss");
            QCOMPARE(info.arguments.size(), size_t(info.name == "HuberLoss" ? 1 : 0));
        }
        QCOMPARE(findLoss("HuberLoss")->argument(LossKeyword::delta)->defaultValue, 1.0);
        auto huber = makeLoss<double>("HuberLoss");
        QCOMPARE(dynamic_cast<HuberLoss<double>&>(*huber).delta(), 1.0);
        QCOMPARE(QString(keywordName(LossKeyword::delta)), QStringLiteral("delta"));
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
        QVERIFY(!keywordValue(o, LossKeyword::delta));
        keywordValue(o, LossKeyword::delta) = 0.5;
        QCOMPARE(o.delta, std::optional<double>(0.5));
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
    }
};

QTEST_APPLESS_MAIN(TestLossTable)
#include "tst_loss_table.moc"
