#pragma once
// Whether a JSON number was written as an integer (2) or with a fraction or an
// exponent (2.0, 1e3). Qt's parser and writer keep only the value, but a Python
// keyword keeps the difference (beta=2 is an int, beta=2.0 a float) and PyTorch's
// repr shows it, so the design file reads and writes the spelling beside Qt.
#include <QByteArray>

#include <set>
#include <string>

namespace linearlab::io {

/// The paths ("layers[1].beta", "design.layers[0].alpha") of the numbers `json`
/// writes with a fraction or an exponent. `json` is text Qt has parsed.
std::set<std::string> fractionalNumbers(const QByteArray& json);

/// `json` with ".0" after each number at one of `paths` that it writes as an
/// integer, so that a float spelling of a whole number survives Qt's writer.
QByteArray withFractions(const QByteArray& json, const std::set<std::string>& paths);

/// The paths under `prefix` ("design."), with the prefix taken off.
std::set<std::string> pathsUnder(const std::set<std::string>& paths, const std::string& prefix);

}  // namespace linearlab::io
