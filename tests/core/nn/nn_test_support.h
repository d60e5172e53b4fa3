#pragma once
// Shared helpers for the core/nn tests: reading the PyTorch fixtures written by
// tests/fixtures/make_nn_fixtures.py, comparing matrices, and a central-difference
// gradient check.
//
// Tolerances. Golden comparisons against PyTorch run in float32 and allow
//     |actual - expected| <= tol * max(1, max_i |expected_i|)
// per tensor: the error of a float dot product scales with the size of the
// numbers in it, not with one element, so an element that cancels to nearly zero
// is judged against the tensor's scale. The floor of 1 keeps tensors of tiny
// values from demanding more than float resolution. Seeded initial values are
// compared exactly (operator==, no tolerance).
#include "core/nn/parameter.h"
#include "core/nn/tensor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace nntest {

using linearlab::nn::Index;
using linearlab::nn::Matrix;
using linearlab::nn::Shape;
using linearlab::nn::Tensor;

/// The parsed tests/fixtures/nn/<name>; an empty object (and a warning) when unreadable.
inline QJsonObject loadFixture(const QString& name) {
    QFile file(QStringLiteral(LINEARLAB_FIXTURES_DIR "/nn/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot open fixture %s", qPrintable(file.fileName()));
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("fixture %s: %s", qPrintable(name), qPrintable(error.errorString()));
    return doc.object();
}

/// The rows of a test over the stacks of init_seeded.json (torch.manual_seed
/// then the layers' default init): one per stack, column "stack" holding its
/// index for seededStack(), named "seed <seed> <dtype>". With `dtype`, only
/// the stacks of that dtype.
inline void addSeededStackRows(const QString& dtype = QString()) {
    QTest::addColumn<int>("stack");
    const QJsonArray stacks = loadFixture("init_seeded.json")["stacks"].toArray();
    QCOMPARE(stacks.size(), 4);
    for (int i = 0; i < stacks.size(); ++i) {
        const QString d = stacks[i]["dtype"].toString();
        if (dtype.isEmpty() || d == dtype)
            QTest::newRow(
                qPrintable(QStringLiteral("seed %1 %2").arg(stacks[i]["seed"].toInt()).arg(d)))
                << i;
    }
}

inline QJsonObject seededStack(int index) {
    return loadFixture("init_seeded.json")["stacks"].toArray()[index].toObject();
}

inline Shape shapeFromJson(const QJsonValue& v) {
    Shape shape;
    for (const QJsonValue& d : v.toArray())
        shape.push_back(static_cast<Index>(d.toInteger()));
    return shape;
}

inline Index product(const Shape& s, size_t from, size_t to) {
    Index n = 1;
    for (size_t i = from; i < to; ++i)
        n *= s[i];
    return n;
}

/// Values of a {"shape", "values"} object (or a bare array) as a rows x cols matrix.
template <typename T>
Matrix<T> matrixFromValues(const QJsonArray& values, Index rows, Index cols) {
    Matrix<T> m(rows, cols);
    if (values.size() != rows * cols) {
        qWarning("fixture has %lld values, expected %lld", static_cast<long long>(values.size()),
                 static_cast<long long>(rows * cols));
        return Matrix<T>::Constant(rows, cols, std::numeric_limits<T>::quiet_NaN());
    }
    for (Index i = 0; i < rows * cols; ++i)
        m.data()[i] = static_cast<T>(values[static_cast<qsizetype>(i)].toDouble());
    return m;
}

/// A fixture tensor as the (prod(shape[:-1]), shape[-1]) view of the Tensor type.
template <typename T>
Tensor<T> tensorFromJson(const QJsonValue& v) {
    const QJsonObject o = v.toObject();
    const Shape shape = shapeFromJson(o["shape"]);
    const Index cols = shape.empty() ? 1 : shape.back();
    const Index rows = shape.empty() ? 1 : product(shape, 0, shape.size() - 1);
    return Tensor<T>(shape, matrixFromValues<T>(o["values"].toArray(), rows, cols));
}

/// A fixture tensor in a parameter's matrix view (1-D as one row; (out, in1, in2) as (out,
/// in1*in2)).
template <typename T>
Matrix<T> parameterFromJson(const QJsonValue& v) {
    const QJsonObject o = v.toObject();
    const Shape shape = shapeFromJson(o["shape"]);
    return matrixFromValues<T>(o["values"].toArray(), linearlab::nn::parameterRows(shape),
                               linearlab::nn::parameterCols(shape));
}

inline QString shapeText(Index r, Index c) {
    return QStringLiteral("(%1, %2)").arg(r).arg(c);
}

/// Empty when `actual` matches `expected` within tol * max(1, max|expected|), else the worst
/// element.
template <typename A, typename B>
QString closeMismatch(const A& actual, const B& expected, double tol) {
    if (actual.rows() != expected.rows() || actual.cols() != expected.cols())
        return QStringLiteral("shape %1, expected %2")
            .arg(shapeText(actual.rows(), actual.cols()),
                 shapeText(expected.rows(), expected.cols()));
    double scale = 1;
    for (Index i = 0; i < expected.size(); ++i)
        scale = std::max(scale, std::abs(static_cast<double>(expected.data()[i])));
    double worst = -1;
    Index worstAt = -1;
    for (Index i = 0; i < expected.size(); ++i) {
        const double a = static_cast<double>(actual.data()[i]);
        const double e = static_cast<double>(expected.data()[i]);
        const double err = std::isnan(a) != std::isnan(e) ? INFINITY : std::abs(a - e);
        if (err > worst) {
            worst = err;
            worstAt = i;
        }
    }
    if (worstAt < 0 || worst <= tol * scale)
        return {};
    return QStringLiteral("element %1: %2, expected %3 (error %4 > %5)")
        .arg(worstAt)
        .arg(static_cast<double>(actual.data()[worstAt]), 0, 'g', 17)
        .arg(static_cast<double>(expected.data()[worstAt]), 0, 'g', 17)
        .arg(worst, 0, 'g', 3)
        .arg(tol * scale, 0, 'g', 3);
}

/// Empty when every element is equal (operator==), else the count and the first difference.
template <typename A, typename B>
QString exactMismatch(const A& actual, const B& expected) {
    if (actual.rows() != expected.rows() || actual.cols() != expected.cols())
        return QStringLiteral("shape %1, expected %2")
            .arg(shapeText(actual.rows(), actual.cols()),
                 shapeText(expected.rows(), expected.cols()));
    Index first = -1, count = 0;
    for (Index i = 0; i < expected.size(); ++i)
        if (!(actual.data()[i] == expected.data()[i])) {
            if (first < 0)
                first = i;
            ++count;
        }
    if (first < 0)
        return {};
    return QStringLiteral("%1 of %2 elements differ; first at %3: %4, expected %5")
        .arg(count)
        .arg(expected.size())
        .arg(first)
        .arg(static_cast<double>(actual.data()[first]), 0, 'g', 17)
        .arg(static_cast<double>(expected.data()[first]), 0, 'g', 17);
}

#define NN_VERIFY_CLOSE(actual, expected, tol)                                         \
    do {                                                                               \
        const QString nnMismatch = nntest::closeMismatch((actual), (expected), (tol)); \
        QVERIFY2(nnMismatch.isEmpty(), qPrintable(nnMismatch));                        \
    } while (false)

#define NN_VERIFY_EXACT(actual, expected)                                       \
    do {                                                                        \
        const QString nnMismatch = nntest::exactMismatch((actual), (expected)); \
        QVERIFY2(nnMismatch.isEmpty(), qPrintable(nnMismatch));                 \
    } while (false)

/// Central differences of `loss` with respect to every element of `var` (perturbed in
/// place and restored), compared with `analytic`: returns ||analytic - numeric|| /
/// max(||analytic||, ||numeric||). Both norms are required to be non-zero by callers
/// that want the check to mean something.
inline double gradientRelativeError(Matrix<double>& var, const Matrix<double>& analytic,
                                    const std::function<double()>& loss, double eps = 1e-6) {
    Matrix<double> numeric(var.rows(), var.cols());
    for (Index i = 0; i < var.size(); ++i) {
        const double saved = var.data()[i];
        var.data()[i] = saved + eps;
        const double up = loss();
        var.data()[i] = saved - eps;
        const double down = loss();
        var.data()[i] = saved;
        numeric.data()[i] = (up - down) / (2 * eps);
    }
    const double denom = std::max(analytic.norm(), numeric.norm());
    if (denom == 0)
        return 0;
    return (analytic - numeric).norm() / denom;
}

/// A deterministic matrix of values in [-1, 1) with no element near 0 (|v| >= 0.05),
/// so kinks of piecewise functions stay farther away than any finite-difference step.
inline Matrix<double> testMatrix(Index rows, Index cols, unsigned seed) {
    Matrix<double> m(rows, cols);
    unsigned s = seed * 2654435761u + 12345u;
    for (Index i = 0; i < m.size(); ++i) {
        s = s * 1664525u + 1013904223u;
        double v = (static_cast<double>(s >> 8) / (1 << 24)) * 2 - 1;
        if (std::abs(v) < 0.05)
            v = v < 0 ? v - 0.05 : v + 0.05;
        m.data()[i] = v;
    }
    return m;
}

}  // namespace nntest
