// linearlab-cli: the LinearLab engine without a window.
#include "core/cli/commands.h"

int main(int argc, char** argv) {
    return linearlab::cli::runCli(argc, argv);
}
