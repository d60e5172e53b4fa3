#pragma once
// Edits the selected node's PyTorch arguments in place: only the keywords its
// type takes are shown (in_features for Linear, in1/in2 for Bilinear,
// negative_slope for LeakyReLU, ...), plus a per-layer init scheme.
#include "core/nn/layer_table.h"

#include <QString>
#include <QWidget>

#include <map>
#include <string>

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

    /// The spin box of a feature-count keyword ("in_features") of the node shown, or null.
    QSpinBox* featuresBox(const std::string& keyword) const;
    QSpinBox* inFeaturesBox() const { return featuresBox("in_features"); }
    QSpinBox* outFeaturesBox() const { return featuresBox("out_features"); }
    /// The field of the node's first keyword (init when it has none), where Enter
    /// on the diagram puts the focus; null while no node is shown.
    QWidget* firstField() const { return m_index < 0 ? nullptr : m_firstField; }

signals:
    /// The node's new spec after the user changed `field` (a PyTorch keyword).
    void edited(int index, const linearlab::nn::LayerSpec& spec, const QString& field);

private:
    void emitEdit(const QString& field);
    /// One row per keyword of `type`, from the layer table.
    void showKeywordsOf(const std::string& type);
    void showValues(const nn::LayerSpec& spec, int index, int nodeCount);
    QWidget* makeField(const nn::LayerKeyword& keyword);
    /// Where LinearLab knowingly departs from PyTorch's numbers for layers of
    /// `type`, in a sentence (Dropout's masks); empty when it does not.
    static QString noteOn(const std::string& type);

    int m_index = -1;
    nn::LayerSpec m_spec;
    bool m_updating = false;
    QFormLayout* m_form = nullptr;
    QLabel* m_title = nullptr;
    std::string m_shownType;
    std::map<std::string, QWidget*> m_fields;  ///< keyword -> its editor, for m_shownType
    QComboBox* m_init = nullptr;
    QWidget* m_firstField = nullptr;
    QLabel* m_note = nullptr;  ///< noteOn() the type shown, if any
};

}  // namespace linearlab::ui
