#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/code_export.h"
#include "core/io/dataset_export.h"
#include "core/io/file_util.h"
#include "core/io/project_file.h"

#include <iostream>

namespace linearlab::cli {

// export-code DESIGN --output model.py: the design as PyTorch code (a design or
// a project file; a project's weights are exported separately, with convert/init),
// and beside it model_data.npz, the data split as the trainer splits it, which the
// script trains on by default.
int runExportCode(const QStringList& args) {
    QCommandLineParser parser;
    parser.addOption({"output", ".py file to write", "FILE"});
    parseArguments(parser, "export-code", args, {"DESIGN"});
    const QString out = requiredOption(parser, "output");
    const io::Project project = io::readDesignOrProject(parser.positionalArguments().at(0));
    io::writeFileAtomically(out, io::exportPyTorchCode(project.design));
    std::cout << "wrote " << out.toStdString() << "\n";
    const QString data = io::codeExportDataPath(out);
    io::exportDataset(project.design.data, project.design.dtype, data);
    std::cout << "wrote " << data.toStdString() << "\n";
    return 0;
}

}  // namespace linearlab::cli
