#pragma once
// The window's trainer: a Trainer<float> or a Trainer<double>, as the design's
// dtype says. The worker and the controller hold one and reach the trainer
// through visit(), which calls a generic lambda with the Trainer<T>& itself;
// nothing else in the window needs to know which it is.
#include "core/train/trainer.h"

#include <memory>
#include <variant>

namespace linearlab::ui {

class AnyTrainer {
public:
    AnyTrainer() = default;
    template <typename T>
    AnyTrainer(std::unique_ptr<train::Trainer<T>> trainer) : m_trainer(std::move(trainer)) {}

    explicit operator bool() const {
        return std::visit([](const auto& t) { return t != nullptr; }, m_trainer);
    }

    /// f(trainer) with the Trainer<float>& or Trainer<double>& held; not when empty.
    template <typename F>
    decltype(auto) visit(F&& f) {
        return std::visit([&](auto& t) -> decltype(auto) { return f(*t); }, m_trainer);
    }

private:
    std::variant<std::unique_ptr<train::Trainer<float>>, std::unique_ptr<train::Trainer<double>>>
        m_trainer;
};

}  // namespace linearlab::ui
