#pragma once
// Shared helpers for the core/data tests: the reference .npy files written by
// tests/fixtures/make_data_fixtures.py, and checks that an error names its problem.
#include "core/data/npy.h"

#include <QFile>
#include <QString>
#include <QtTest>

#include <functional>
#include <string>

namespace datatest {

/// The bytes of tests/fixtures/data/<name>; empty (and a warning) when unreadable.
inline std::string fixtureBytes(const QString& name) {
    QFile file(QStringLiteral(LINEARLAB_FIXTURES_DIR "/data/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot open fixture %s", qPrintable(file.fileName()));
        return {};
    }
    return file.readAll().toStdString();
}

inline linearlab::data::NpyArray fixtureArray(const QString& name) {
    return linearlab::data::parseNpy(fixtureBytes(name), name.toStdString());
}

/// The message of the exception `fn` throws as E; "<no exception>" when it
/// returns, "<other exception: ...>" when it throws something else.
template <typename E>
std::string messageOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const E& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("<other exception: ") + e.what() + ">";
    }
    return "<no exception>";
}

}  // namespace datatest

/// Fails unless `message` contains `part`, printing both.
#define DATA_VERIFY_CONTAINS(message, part)                                      \
    QVERIFY2(std::string(message).find(part) != std::string::npos,               \
             qPrintable(QStringLiteral("message \"%1\" does not contain \"%2\"") \
                            .arg(QString::fromStdString(std::string(message)),   \
                                 QString::fromStdString(std::string(part)))))
