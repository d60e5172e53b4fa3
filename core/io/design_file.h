#pragma once
// *.linearlab.json: the design file the CLI and the GUI share.
// Every field has PyTorch's keyword name; an omitted one takes PyTorch's
// default; an unknown field or a bad value is an error that names its path:
// `layers[2].out_features: expected a positive integer, got "ten"`.
#include "core/train/design.h"

#include <QJsonObject>
#include <QString>

#include <set>
#include <stdexcept>
#include <string>

namespace linearlab::io {

/// A problem in a design file, with the path of the field in question.
class DesignError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Parses a design from its JSON object. `fractional`, when the text is known,
/// lists the numbers it wrote with a fraction or exponent (fractionalNumbers()):
/// a layer keeps those as Python floats and other whole numbers as ints; without
/// it a number keeps its keyword's default spelling. Throws DesignError.
train::Design designFromJson(const QJsonObject& root,
                             const std::set<std::string>* fractional = nullptr);
/// The JSON object of a design, as readDesignFile reads it back.
QJsonObject designToJson(const train::Design& design);
/// The paths of the numbers designToJson writes that the design spells as Python
/// floats, for withFractions() to give the text ".0" where Qt leaves it out.
std::set<std::string> designFractions(const train::Design& design);

/// Reads and parses a design file; errors name the file. Throws DesignError
/// (bad content) or std::runtime_error (unreadable file).
train::Design readDesignFile(const QString& path);
/// Writes atomically (writeFileAtomically): the previous file stays intact on failure.
void writeDesignFile(const QString& path, const train::Design& design);

/// Parses JSON text into an object, with "line L, column C: <reason>" on error.
QJsonObject parseJsonObject(const QByteArray& text);

/// A JSON value as an error message quotes it: "ten", 3.5, true, null, an array.
std::string quoteJsonValue(const QJsonValue& value);

}  // namespace linearlab::io
