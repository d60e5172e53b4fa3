#pragma once
// The linearlab executable's whole life: arguments, the window or the GUI
// benchmark, the event loop.
//   linearlab [FILE] [--train] [--screenshot PATH [--after SECONDS]] [--benchmark SECONDS]

namespace linearlab::ui {

/// Runs the app; returns the process exit code (2 for a usage mistake).
int runApplication(int argc, char** argv);

}  // namespace linearlab::ui
