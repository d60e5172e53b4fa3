// Compiled with a Qt-free layer's include paths by tests/layering: must not build.
#include <QString>

QString probe() {
    return QString();
}
