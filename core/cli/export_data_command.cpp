#include "core/cli/cli_support.h"
#include "core/cli/commands.h"
#include "core/io/dataset_export.h"
#include "core/io/project_file.h"

#include <iostream>

namespace linearlab::cli {

// export-data DESIGN [--data FILE] --output data.npz: the dataset the design
// trains on (generated or read), split as the trainer splits it.
int runExportData(const QStringList& args) {
    QCommandLineParser parser;
    parser.addOption({"data", "a .csv or .npz (x, y) replacing the design's dataset", "FILE"});
    parser.addOption({"output", ".npz file to write (x_train, y_train, x_val, y_val)", "FILE"});
    parseArguments(parser, "export-data", args, {"DESIGN"});
    const QString out = requiredOption(parser, "output");
    train::Design design = io::readDesignOrProject(parser.positionalArguments().at(0)).design;
    if (parser.isSet("data"))
        design.data.file = parser.value("data").toStdString();
    io::exportDataset(design.data, design.dtype, out);
    std::cout << "wrote " << out.toStdString() << "\n";
    return 0;
}

}  // namespace linearlab::cli
