#include "ui/app_version.h"

namespace linearlab::ui {

QString linearlabVersion() {
    return QStringLiteral(LINEARLAB_VERSION);
}

}  // namespace linearlab::ui
