#pragma once
// The Welcome panel: what the design on screen computes, with its own numbers,
// and what to press. It describes the design's first Linear-family layer with
// a matrix weight (Linear, NonDynamicallyQuantizableLinear, LazyLinear once its
// width is known): y = xAᵀ + b with x (batch, in_features), A (out_features,
// in_features), b (out_features,) and y (batch, out_features) as shape
// inference gives them, so the seed example reads 128×20, 40×20, 40 and 128×40
// and any other design reads its own. A design without such a layer is said to
// have none. It sits in a dock above the views, never over them; "Show at
// startup" is stored in QSettings (help/showWelcome).
#include "core/train/design.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;

namespace linearlab::ui {

/// The layer the panel describes, its shapes in the order x, A, b, y.
struct LinearShapes {
    int node = 0;               ///< its index in the design
    QString constructor;        ///< "nn.Linear(20, 40, bias=True)"
    long long batch = 0;        ///< the design's batch size
    long long inFeatures = 0;   ///< in_features (a LazyLinear's inferred width)
    long long outFeatures = 0;  ///< out_features
    bool bias = true;
};

/// The first Linear-family node with a matrix weight whose shapes are known, or
/// nullopt when there is none (or the design cannot be built that far).
std::optional<LinearShapes> firstLinearShapes(const train::Design& design);

class WelcomePanel : public QWidget {
    Q_OBJECT

public:
    explicit WelcomePanel(QWidget* parent = nullptr);

    /// Describes `design` (called for every design the window shows).
    void setDesign(const train::Design& design);
    /// The keys the panel names: the actions' own shortcuts, as the menus show them.
    void setKeys(const QString& train, const QString& step);

    /// The stored choice (true until the user unticks "Show at startup").
    static bool showAtStartup();
    static void setShowAtStartup(bool show);

    QLabel* shapesLabel() const { return m_shapes; }
    QLabel* headingLabel() const { return m_heading; }
    QLabel* howToLabel() const { return m_howTo; }
    QPushButton* tourButton() const { return m_tour; }
    QPushButton* closeButton() const { return m_close; }
    QCheckBox* showAtStartupBox() const { return m_startup; }

    /// As tall as the wrapped text needs at the current width.
    QSize sizeHint() const override;

signals:
    void tourRequested();
    void closeRequested();

protected:
    /// A top dock is as tall as its widget's minimum height, whatever the wrapped
    /// labels need at the width it gives: ask for that height at every new width.
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateHowTo();
    void fitHeightToText();

    QLabel* m_heading = nullptr;
    QLabel* m_shapes = nullptr;
    QLabel* m_howTo = nullptr;
    QPushButton* m_tour = nullptr;
    QPushButton* m_close = nullptr;
    QCheckBox* m_startup = nullptr;
    QString m_trainKey;
    QString m_stepKey;
};

}  // namespace linearlab::ui
