// linearlab-bench: training steps per second of the reference networks, as JSON lines.
#include "core/cli/benchmark.h"

int main(int argc, char** argv) {
    return linearlab::cli::runBenchmarkCli(argc, argv);
}
