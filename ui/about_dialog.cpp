#include "ui/about_dialog.h"

#include "core/nn/blas.h"
#include "ui/app_version.h"

#include <Eigen/Core>
#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>
#include <QtGlobal>

namespace linearlab::ui {

QString aboutText() {
    const QString eigen = QStringLiteral("%1.%2.%3")
                              .arg(EIGEN_WORLD_VERSION)
                              .arg(EIGEN_MAJOR_VERSION)
                              .arg(EIGEN_MINOR_VERSION);
    return AboutDialog::tr(
               "<h3>LinearLab %1</h3>"
               "<p>A desktop lab for torch.nn.Linear and its family: the same layer maths, "
               "default initialisation and seeded weights as PyTorch.</p>"
               "<table>"
               "<tr><td>Qt</td><td>&nbsp;%2 (built with %3)</td></tr>"
               "<tr><td>Eigen</td><td>&nbsp;%4</td></tr>"
               "<tr><td>BLAS</td><td>&nbsp;%5</td></tr>"
               "</table>")
        .arg(linearlabVersion(), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             eigen, QString::fromStdString(nn::blasDescription()).toHtmlEscaped());
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About LinearLab"));
    auto* layout = new QVBoxLayout(this);
    m_text = new QLabel(aboutText());
    m_text->setObjectName(QStringLiteral("aboutText"));
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

}  // namespace linearlab::ui
