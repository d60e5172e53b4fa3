// linearlab: the LinearLab window.
#include "ui/application.h"

int main(int argc, char** argv) {
    return linearlab::ui::runApplication(argc, argv);
}
