#pragma once
// Running the built linearlab-cli as a user would, for the CLI and full-disk tests,
// and what the CLI command tests share.
#include "core/data/npy.h"
#include "core/io/weights_file.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace linearlab::test {

struct CliRun {
    int exitCode;  ///< -1 for a crash or a time-out
    QString out;
    QString err;
};

inline CliRun runCli(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(LINEARLAB_BINARY_DIR) + "/app/linearlab-cli", args);
    if (!p.waitForFinished(120000))
        return {-1, {}, "timed out"};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

/// What the linearlab-cli command tests (tst_cli, tst_cli_train, tst_cli_project,
/// tst_cli_errors) share: the fixtures, readers of what the CLI wrote, and a
/// scratch directory.
namespace cli_support {

inline const QString kFixtures = QStringLiteral(LINEARLAB_FIXTURES_DIR) + "/cli/";
inline const QString kDesign = kFixtures + "example.linearlab.json";

inline const io::NamedTensor& tensor(const io::StateDict& dict, const std::string& name) {
    for (const auto& t : dict)
        if (t.name == name)
            return t;
    throw std::runtime_error("no tensor " + name);
}

inline std::vector<float> npyValues(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open " + path.toStdString());
    const QByteArray bytes = f.readAll();
    const data::NpyArray a = data::parseNpy(std::string(bytes.constData(), bytes.size()));
    std::vector<float> v;
    for (nn::Index i = 0; i < a.numel(); ++i)
        v.push_back(static_cast<float>(a.valueAt(i)));
    return v;
}

inline QByteArray fileBytes(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open " + path.toStdString());
    return f.readAll();
}

/// A --log-jsonl file's lines as (step, epoch, loss).
struct LogLine {
    int step;
    int epoch;
    double loss;
};
inline std::vector<LogLine> logLines(const QString& path) {
    std::vector<LogLine> lines;
    for (const QByteArray& line : fileBytes(path).trimmed().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        lines.push_back({o["step"].toInt(-1), o["epoch"].toInt(-1), o["loss"].toDouble()});
    }
    return lines;
}

/// The same names, shapes and values, in the same order.
inline bool sameTensors(const io::StateDict& a, const io::StateDict& b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].shape != b[i].shape || a[i].values != b[i].values)
            return false;
    return true;
}

/// max |a - b| <= tol * max(1, max |b|): relative to the tensor's scale.
inline bool close(const std::vector<float>& a, const std::vector<float>& b, double tol) {
    if (a.size() != b.size())
        return false;
    double scale = 1, worst = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        scale = std::max(scale, static_cast<double>(std::abs(b[i])));
        worst = std::max(worst, static_cast<double>(std::abs(a[i] - b[i])));
    }
    return worst <= tol * scale;
}

/// A test case with a scratch directory for the files the CLI reads and writes.
class CliTestCase : public QObject {
protected:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QString writeText(const QString& name, const QByteArray& text) {
        QFile f(path(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return path(name);
    }
};

}  // namespace cli_support

}  // namespace linearlab::test
