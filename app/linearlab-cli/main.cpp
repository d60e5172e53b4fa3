// linearlab-cli: the LinearLab engine without a window.
#include "core/cli/demo_command.h"

#include <cstring>
#include <iostream>

int main(int argc, char** argv) {
    if (argc >= 2 && std::strcmp(argv[1], "demo") == 0)
        return linearlab::cli::runDemo(std::cout);
    std::cerr << "usage: linearlab-cli demo\n";
    return 2;
}
