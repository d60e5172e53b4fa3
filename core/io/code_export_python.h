#pragma once
// The Python the code export writes whatever the design: the imports, the model
// class, the weight and data loaders, the training loop and main(), and the
// scheduler's stepping helpers. core/io/code_export.cpp writes the design's own
// lines (constants, build_model, make_loss, make_optimizer, make_scheduler)
// between them.

namespace linearlab::io::code_export_python {

/// The imports.
extern const char* const kHeader;
/// class LinearLabModel(nn.Sequential): forward with Bilinear's second inputs.
extern const char* const kModelClass;
/// load_weights() for every format LinearLab writes, and make_data().
extern const char* const kLoaders;
/// train_step(), validation_loss(), train() (LinearLab's run) and main().
extern const char* const kMain;
/// step_scheduler_per_batch() and step_scheduler_per_epoch().
extern const char* const kSchedulerSteps;

}  // namespace linearlab::io::code_export_python
