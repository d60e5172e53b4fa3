#pragma once
// Reading tests/fixtures/loss_optim/*.json (written by make_loss_optim_fixtures.py) and
// comparing against it. Tolerance: |actual - expected| <= tol * max_i |expected_i| per
// tensor, i.e. relative to the tensor's own scale, with no floor of 1: losses and
// updates are small numbers, and a floor would hide errors in them.
#include "core/nn/tensor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>
#include <cmath>

namespace lotest {

using linearlab::nn::Index;
using linearlab::nn::Matrix;

inline QJsonObject loadLossOptimFixture(const QString& name) {
    QFile file(QStringLiteral(LINEARLAB_FIXTURES_DIR "/loss_optim/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot open fixture %s", qPrintable(file.fileName()));
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

template <typename T>
Matrix<T> matrixFromJson(const QJsonValue& v, Index rows, Index cols) {
    const QJsonArray a = v.toArray();
    Matrix<T> m = Matrix<T>::Constant(rows, cols, std::numeric_limits<T>::quiet_NaN());
    if (a.size() != rows * cols)
        return m;
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = static_cast<T>(a[static_cast<qsizetype>(i)].toDouble());
    return m;
}

/// Empty when within tol of `expected`'s scale, else the worst element.
template <typename A, typename B>
QString scaledMismatch(const A& actual, const B& expected, double tol) {
    if (actual.rows() != expected.rows() || actual.cols() != expected.cols())
        return QStringLiteral("shape (%1, %2), expected (%3, %4)")
            .arg(actual.rows())
            .arg(actual.cols())
            .arg(expected.rows())
            .arg(expected.cols());
    double scale = 0;
    for (Index i = 0; i < expected.size(); ++i)
        scale = std::max(scale, std::abs(static_cast<double>(expected.data()[i])));
    double worst = 0;
    Index at = -1;
    for (Index i = 0; i < expected.size(); ++i) {
        const double a = static_cast<double>(actual.data()[i]);
        const double e = static_cast<double>(expected.data()[i]);
        const double err = std::isfinite(a) ? std::abs(a - e) : INFINITY;
        if (at < 0 || err > worst) {
            worst = err;
            at = i;
        }
    }
    if (at < 0 || worst <= tol * scale)
        return {};
    return QStringLiteral("element %1: %2, expected %3 (error %4 > %5)")
        .arg(at)
        .arg(static_cast<double>(actual.data()[at]), 0, 'g', 17)
        .arg(static_cast<double>(expected.data()[at]), 0, 'g', 17)
        .arg(worst, 0, 'g', 3)
        .arg(tol * scale, 0, 'g', 3);
}

}  // namespace lotest

#define LO_VERIFY_CLOSE(actual, expected, tol)                                          \
    do {                                                                                \
        const QString loMismatch = lotest::scaledMismatch((actual), (expected), (tol)); \
        QVERIFY2(loMismatch.isEmpty(), qPrintable(loMismatch));                         \
    } while (false)
