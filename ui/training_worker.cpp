#include "ui/training_worker.h"

#include <QThread>

#include <exception>
#include <type_traits>

namespace linearlab::ui {

TrainingWorker::TrainingWorker(AnyTrainer trainer) : m_trainer(std::move(trainer)) {
    if (!m_trainer)
        return;
    m_trainer.visit([this](auto& t) {
        if constexpr (std::is_same_v<std::decay_t<decltype(t)>, train::Trainer<double>>) {
            m_caster = std::make_unique<ViewCaster>();
            t.setPublishCallback([caster = m_caster.get()](const train::Snapshot<double>& s) {
                return caster->publish(s);
            });
        }
    });
}

TrainingWorker::~TrainingWorker() {
    release();
}

AnyTrainer TrainingWorker::release() {
    if (m_trainer)
        m_trainer.visit([](auto& t) { t.setPublishCallback(nullptr); });
    return std::move(m_trainer);
}

void TrainingWorker::run() {
    // The thread boundary: an exception escaping here would terminate the program.
    try {
        m_trainer.visit([](auto& trainer) { trainer.run(); });
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
    } catch (...) {
        emit failed(tr("training stopped on an unknown error"));
    }
    emit finished();
    if (QThread* thread = QThread::currentThread())
        thread->quit();
}

}  // namespace linearlab::ui
