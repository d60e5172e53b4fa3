#pragma once
// Edits the selected node's PyTorch arguments in place: only the keywords its
// type takes are shown (in_features for Linear, in1/in2 for Bilinear,
// negative_slope for LeakyReLU, ...), plus a per-layer init scheme.
#include "core/nn/layer_spec.h"

#include <QString>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace linearlab::ui {

class NodeEditor : public QWidget {
    Q_OBJECT

public:
    explicit NodeEditor(QWidget* parent = nullptr);

    /// Shows node `index` (of `nodeCount`), or nothing for index < 0.
    void setNode(int index, const nn::LayerSpec& spec, int nodeCount);
    int nodeIndex() const { return m_index; }

    QSpinBox* inFeaturesBox() const { return m_in; }
    QSpinBox* outFeaturesBox() const { return m_out; }

signals:
    /// The node's new spec after the user changed `field` (a PyTorch keyword).
    void edited(int index, const linearlab::nn::LayerSpec& spec, const QString& field);

private:
    void emitEdit(const QString& field);

    int m_index = -1;
    nn::LayerSpec m_spec;
    bool m_updating = false;
    QFormLayout* m_form = nullptr;
    QLabel* m_title = nullptr;
    QSpinBox* m_in = nullptr;
    QSpinBox* m_out = nullptr;
    QSpinBox* m_in1 = nullptr;
    QSpinBox* m_in2 = nullptr;
    QCheckBox* m_bias = nullptr;
    QComboBox* m_input2 = nullptr;
    QDoubleSpinBox* m_slope = nullptr;
    QDoubleSpinBox* m_beta = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QComboBox* m_init = nullptr;
};

}  // namespace linearlab::ui
