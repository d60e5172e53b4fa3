#pragma once
// A torchinfo-style summary: one row per layer (repr, output shape, parameter
// count) and the totals underneath. The rows are computed elsewhere; this only
// shows them.
#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QTableWidget;

namespace linearlab::ui {

struct SummaryRow {
    QString layer;        ///< "Linear(in_features=20, out_features=40, bias=True)" or "Linear: 1-1"
    QString outputShape;  ///< "[128, 40]"
    int64_t params = 0;
    int depth = 0;  ///< nesting, drawn as torchinfo's "├─" indent
};

class SummaryPanel : public QWidget {
    Q_OBJECT

public:
    explicit SummaryPanel(QWidget* parent = nullptr);

    /// Replaces the table, and the totals below it with torchinfo's block for the
    /// rows' parameter counts ("Total params: 840 ...").
    /// `bytesPerValue`: 4 for a float32 design, 8 for float64 (torchinfo's
    /// "Params size (MB)").
    void setRows(const std::vector<SummaryRow>& rows, int bytesPerValue = 4);
    QTableWidget* table() const { return m_table; }
    QString totalsText() const;

    /// 1234567 -> "1,234,567", as torchinfo prints counts.
    static QString formatCount(int64_t count);

private:
    QTableWidget* m_table = nullptr;
    QLabel* m_totals = nullptr;
};

}  // namespace linearlab::ui
