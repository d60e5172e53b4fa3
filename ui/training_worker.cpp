#include "ui/training_worker.h"

#include <QThread>

#include <exception>

namespace linearlab::ui {

TrainingWorker::TrainingWorker(AnyTrainer trainer) : m_trainer(std::move(trainer)) {}

TrainingWorker::~TrainingWorker() = default;

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
