#include "core/io/weights_file.h"

#include "core/io/file_util.h"
#include "core/io/printable_text.h"

#include "core/io/csv_weights_format.h"
#include "core/io/json_weights_format.h"
#include "core/io/npz_format.h"
#include "core/io/pt_format.h"
#include "core/io/safetensors_format.h"

#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <set>
#include <stdexcept>

namespace linearlab::io {

namespace {

enum class Format { Safetensors, Pt, Npz, Npy, Json, Csv, Unknown };

Format formatOf(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "safetensors")
        return Format::Safetensors;
    if (suffix == "pt" || suffix == "pth")
        return Format::Pt;
    if (suffix == "npz")
        return Format::Npz;
    if (suffix == "npy")
        return Format::Npy;
    if (suffix == "json")
        return Format::Json;
    if (suffix == "csv")
        return Format::Csv;
    return Format::Unknown;
}

[[noreturn]] void fail(const QString& path, const std::string& what) {
    throw std::runtime_error(printable(QFileInfo(path).fileName().toStdString() + ": " + what));
}

const char* kSupported = "use .safetensors, .pt, .pth, .npz, .npy, .json or .csv";

}  // namespace

bool isWeightsFile(const QString& path) {
    return formatOf(path) != Format::Unknown;
}

StateDict readWeights(const QString& path, const ReadLimits& limits) {
    if (formatOf(path) == Format::Unknown)
        fail(path, std::string("unknown weights file extension; ") + kSupported);
    // readWholeFile's errors name the file too.
    return decodeWeights(readWholeFile(path, limits.maxFileBytes), path, limits);
}

StateDict decodeWeights(const std::string& bytes, const QString& path, const ReadLimits& limits) {
    const Format format = formatOf(path);
    if (format == Format::Unknown)
        fail(path, std::string("unknown weights file extension; ") + kSupported);
    try {
        switch (format) {
            case Format::Safetensors:
                return decodeSafetensors(bytes, limits);
            case Format::Pt:
                return decodePt(bytes, limits);
            case Format::Npz:
                return decodeNpz(bytes, limits);
            case Format::Npy: {
                // numpy.load returns an unnamed array; the stem is the natural name.
                return {decodeNpy(bytes, QFileInfo(path).completeBaseName().toStdString(), limits)};
            }
            case Format::Json:
                return decodeJsonWeights(bytes, limits);
            case Format::Csv:
                return decodeCsvWeights(bytes, limits);
            case Format::Unknown:
                break;
        }
    } catch (const std::exception& e) {
        fail(path, e.what());
    }
    fail(path, kSupported);
}

void writeWeights(const QString& path, const StateDict& tensors) {
    const Format format = formatOf(path);
    if (format == Format::Unknown)
        fail(path, std::string("unknown weights file extension; ") + kSupported);
    std::string bytes;
    try {
        std::set<std::string> names;
        for (const NamedTensor& t : tensors)
            if (!names.insert(t.name).second)
                throw std::runtime_error("tensor '" + t.name + "' appears twice");
        switch (format) {
            case Format::Safetensors:
                bytes = encodeSafetensors(tensors);
                break;
            case Format::Pt: {
                // torch.save names the archive directory after the file stem.
                QString stem = QFileInfo(path).completeBaseName();
                stem.replace('/', '_');
                bytes = encodePt(tensors, stem.isEmpty() ? "archive" : stem.toStdString());
                break;
            }
            case Format::Npz:
                bytes = encodeNpz(tensors);
                break;
            case Format::Npy:
                if (tensors.size() != 1)
                    throw std::runtime_error(".npy holds exactly one tensor, state dict has " +
                                             std::to_string(tensors.size()) + "; use .npz");
                bytes = encodeNpy(tensors.front());
                break;
            case Format::Json:
                bytes = encodeJsonWeights(tensors);
                break;
            case Format::Csv:
                bytes = encodeCsvWeights(tensors);
                break;
            case Format::Unknown:
                break;
        }
    } catch (const std::exception& e) {
        fail(path, e.what());
    }
    writeFileAtomically(path, bytes);
}

}  // namespace linearlab::io
