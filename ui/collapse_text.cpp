#include "ui/collapse_text.h"

#include <QCoreApplication>

namespace linearlab::ui {

QString runLabel(const nn::LinearRun& run) {
    return QCoreApplication::translate("linearlab::ui::CollapseText",
                                       "nodes %1\u2013%2 = Linear(%3, %4)")
        .arg(run.first)
        .arg(run.last)
        .arg(run.in_features)
        .arg(run.out_features);
}

QString nothingToCollapseText(const std::vector<nn::LayerSpec>& layers) {
    const nn::NoRunReason why = nn::whyNoRun(layers);
    const QString type = QString::fromStdString(why.type);
    switch (why.kind) {
        case nn::NoRunReason::Kind::NoLinear:
            return QCoreApplication::translate(
                "linearlab::ui::CollapseText",
                "nothing to collapse: the design has no Linear layer");
        case nn::NoRunReason::Kind::NonlinearityAfter:
            return QCoreApplication::translate("linearlab::ui::CollapseText",
                                               "nothing to collapse: every Linear is followed by a "
                                               "nonlinearity (node %1: %2)")
                .arg(why.node)
                .arg(type);
        case nn::NoRunReason::Kind::LoneLinear:
            break;
    }
    return QCoreApplication::translate(
               "linearlab::ui::CollapseText",
               "nothing to collapse: node %1 (%2) has no Linear or Identity next to it")
        .arg(why.node)
        .arg(type);
}

}  // namespace linearlab::ui
