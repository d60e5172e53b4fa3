#pragma once
// A weights file on its own, whatever network wrote it: every tensor listed
// with its name, dtype and shape, and drawn with the same heatmaps and colour
// map as the Weights dock, one per 1-D or 2-D tensor and one per (d1, d2)
// slice of a 3-D tensor (a Bilinear weight: one slice per output feature). It
// opens files that do not fit the current design, so a user can see what a
// checkpoint holds before deciding what to build around it.
#include "core/io/state_dict.h"

#include <QDialog>
#include <QString>

#include <vector>

class QLabel;
class QScrollArea;
class QTableWidget;
class QVBoxLayout;

namespace linearlab::ui {

class HeatmapWidget;

class WeightsInspector : public QDialog {
    Q_OBJECT

public:
    explicit WeightsInspector(QWidget* parent = nullptr);

    /// Reads and shows the file. On failure the dialog shows the reader's error
    /// (which names the file and the problem) instead of any tensor, and returns false.
    bool openFile(const QString& path);
    /// Shows tensors already read; `source` names them in the title.
    void setStateDict(const io::StateDict& tensors, const QString& source);

    QString filePath() const { return m_path; }
    /// The last error shown, or empty.
    QString errorString() const { return m_error; }
    /// One row per tensor, in file order: name, dtype, shape, min, max.
    QTableWidget* table() const { return m_table; }
    int tensorCount() const { return static_cast<int>(m_heatmaps.size()); }
    /// The heatmaps of tensor `index`: one for 1-D and 2-D, one per slice for 3-D
    /// (at most kMaxSlices), none for other ranks or an oversized tensor.
    std::vector<HeatmapWidget*> heatmaps(int index) const;

    /// 3-D slices drawn per tensor at most; the rest are summarised in a label.
    static constexpr int kMaxSlices = 64;
    /// Elements drawn per tensor at most: an image of a larger one would cost more
    /// memory than it is worth at one pixel per element.
    static constexpr long long kMaxDrawnElements = 1LL << 24;

private:
    void clear();
    void showError(const QString& message);
    QWidget* groupFor(const io::NamedTensor& tensor, int index);

    QString m_path;
    QString m_error;
    QLabel* m_errorLabel = nullptr;
    QLabel* m_hoverLabel = nullptr;
    QTableWidget* m_table = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_content = nullptr;
    std::vector<QWidget*> m_groups;
    std::vector<std::vector<HeatmapWidget*>> m_heatmaps;
};

}  // namespace linearlab::ui
