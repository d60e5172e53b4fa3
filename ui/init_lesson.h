#pragma once
// "Init explained": for the selected layer, what its reset_parameters (or the
// design's torch.nn.init scheme) draws each parameter from, the bound or std
// and how it follows from the shape, a histogram of the initial weights
// against that density, and that torch.manual_seed(seed) gives these exact
// numbers. Everything comes from the run context: its initial parameters are
// the engine's draws, PyTorch's bit for bit.
#include "ui/lesson_view.h"

class QLabel;

namespace linearlab::ui {

class InitHistogram;

class InitLesson : public LessonView {
    Q_OBJECT

public:
    explicit InitLesson(QWidget* parent = nullptr);

    QString lessonName() const override { return QStringLiteral("init"); }
    QString lessonTitle() const override { return tr("Init"); }
    void setDesign(const train::Design& design) override;
    void setSelectedNode(int node) override;
    void setSnapshot(std::shared_ptr<const train::Snapshot<float>> snapshot) override;

    /// What the lesson says, for tests: the weight's name, its distribution's
    /// bound (high, for a uniform draw) and std (normal draws).
    QString weightName() const { return m_weightName; }
    double weightBound() const { return m_bound; }
    double weightStd() const { return m_std; }
    QString formulaText() const;
    QString seedText() const;
    const InitHistogram* histogram() const { return m_histogram; }

    /// `values` as torch prints a 1-D float tensor: "tensor([-0.0017,  0.1200])".
    static QString torchPrint(const std::vector<float>& values);

private:
    void refresh();

    train::Design m_design;
    bool m_hasDesign = false;
    int m_node = -1;
    std::shared_ptr<const train::RunContext<float>> m_context;
    QString m_weightName;
    double m_bound = 0;
    double m_std = 0;
    QLabel* m_header = nullptr;
    QLabel* m_weight = nullptr;
    QLabel* m_bias = nullptr;
    QLabel* m_seed = nullptr;
    InitHistogram* m_histogram = nullptr;
};

}  // namespace linearlab::ui
