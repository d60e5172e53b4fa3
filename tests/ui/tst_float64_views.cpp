// A float64 run in the window: the trainer publishes, on the training thread,
// its snapshot already cast to float32 for the views together with its exact
// float64 parameters, so the GUI thread's poll only takes the latest one. The
// views get float32 casts of exactly the weights Save and Export Weights write,
// which stay float64 bit for bit, and once warmed up neither thread allocates.
#include "core/data/synthetic_datasets.h"
#include "core/io/network_state.h"
#include "core/io/weights_file.h"
#include "core/train/trainer.h"
#include "tests/core/nn/allocation_counter.h"
#include "ui/training_controller.h"

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <memory>
#include <thread>

using namespace linearlab;
using linearlab::ui::SnapshotPtr;
using linearlab::ui::TrainingController;

namespace {

/// The seed example in float64 on a small data set, training until paused.
train::Design float64Design() {
    train::Design d = train::seedExampleDesign();
    d.dtype = nn::DType::Float64;
    d.data.synthetic.samples = 512;
    d.train.epochs = 0;
    d.train.steps = 0;
    return d;
}

/// Polls (as the controller's timer does) until the views' snapshot shows `step`
/// and every command sent. A plain loop, not the event loop, so that nothing but
/// the poll runs on this thread while allocations are counted.
bool pollUntilStep(TrainingController& c, nn::Index step) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        c.pollNow();
        const SnapshotPtr s = c.latestSnapshot();
        if (s && s->step == step && s->acknowledgedCommand >= c.lastCommand())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
}

}  // namespace

class TestFloat64Views : public QObject {
    Q_OBJECT

private slots:
    void viewsGetCastsOfTheExactWeightsWithoutAllocating() {
        const train::Design d = float64Design();
        TrainingController c;
        c.setTrainer(ui::AnyTrainer(std::make_unique<train::Trainer<double>>(
            d, data::makeSyntheticDataset<double>(d.data.synthetic))));
        // Warm up over three epochs (409 training samples in batches of 128):
        // every batch size, the validation pass, every snapshot buffer.
        nn::Index step = 0;
        for (; step < 12;) {
            c.step();
            QVERIFY(pollUntilStep(c, ++step));
        }
        // Steps, publications with their casts, and the polls that take them.
        linearlab::test::AllocationCounter counter;
        bool reached = true;
        for (int i = 0; i < 12 && reached; ++i) {
            c.step();
            reached = pollUntilStep(c, ++step);
        }
        const long allocations = counter.stop();
        QVERIFY(reached);
        QCOMPARE(allocations, 0L);

        const SnapshotPtr shown = c.latestSnapshot();
        const io::StateDict weights = c.latestWeights();
        const QTemporaryDir dir;
        const QString exported = dir.filePath(QStringLiteral("w.safetensors"));
        io::writeWeights(exported, weights);
        // The network itself, once its thread has finished: what the run holds.
        ui::AnyTrainer trainer = c.takeTrainer();
        io::StateDict live;
        trainer.visit([&](auto& t) { live = io::stateDictOf(t.network()); });

        QCOMPARE(shown->step, nn::Index(24));
        // The scheduler's lr per step came across the cast as well (saved with a project).
        QCOMPARE(shown->lrHistory.points().size(), size_t(24));
        QCOMPARE(weights.size(), live.size());
        QCOMPARE(shown->parameters.size(), live.size());
        bool beyondFloat = false;
        for (size_t i = 0; i < live.size(); ++i) {
            QCOMPARE(weights[i].values.dtype(), nn::DType::Float64);
            QVERIFY2(weights[i] == live[i], live[i].name.c_str());
            const std::vector<double>& exact = live[i].values.float64();
            const nn::Matrix<float>& cast = shown->parameters[i];
            QCOMPARE(size_t(cast.size()), exact.size());
            for (size_t k = 0; k < exact.size(); ++k) {
                QCOMPARE(cast.data()[k], static_cast<float>(exact[k]));
                beyondFloat = beyondFloat || static_cast<double>(cast.data()[k]) != exact[k];
            }
        }
        // Trained in float64: values float32 cannot hold, so the cast is a real one.
        QVERIFY(beyondFloat);
        const io::StateDict file = io::readWeights(exported);
        QCOMPARE(file.size(), live.size());
        for (size_t i = 0; i < live.size(); ++i)
            QVERIFY2(file[i].values == live[i].values, live[i].name.c_str());
    }
};

QTEST_MAIN(TestFloat64Views)
#include "tst_float64_views.moc"
