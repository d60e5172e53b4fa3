#include "ui/explainer_sum.h"

#include "core/nn/tensor_print.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace linearlab::ui {

using nn::Index;

namespace {

QString spell(float v) {
    return QString::fromStdString(nn::TensorPrintFormat::element(v));
}

/// A factor after the first is bracketed when negative, as one writes 0.4120·(-0.1180).
QString factor(float v) {
    const QString s = spell(v);
    return s.startsWith(QLatin1Char('-')) ? QStringLiteral("(%1)").arg(s) : s;
}

struct Term {
    Index index = 0;  ///< i (Linear) or i * in2 + j (Bilinear)
    double value = 0;
    QString text;  ///< negative factors bracketed: "0.4120·(-0.1180)"
    QString lead;  ///< the same where it opens the sum: its first factor bare
};

/// "t0 + t1 + … + (12 smaller terms: 0.0123) + b = y": every term up to
/// kAllTerms, else the largest in index order and the others' sum.
QString writeTerms(std::vector<Term> terms, const QString& biasText, const QString& total) {
    const auto count = static_cast<Index>(terms.size());
    double restSum = 0;
    Index rest = 0;
    if (count > kAllTerms) {
        std::stable_sort(terms.begin(), terms.end(), [](const Term& l, const Term& r) {
            return std::fabs(l.value) > std::fabs(r.value);
        });
        for (Index t = kAllTerms; t < count; ++t)
            restSum += terms[static_cast<size_t>(t)].value;
        rest = count - kAllTerms;
        terms.resize(kAllTerms);
        std::sort(terms.begin(), terms.end(),
                  [](const Term& l, const Term& r) { return l.index < r.index; });
    }
    QStringList parts;
    for (const Term& t : terms)
        parts << (parts.isEmpty() ? t.lead : t.text);
    if (rest > 0)
        parts << QCoreApplication::translate("linearlab::ui::ExplainerSum",
                                             "(%n smaller terms: %1)", nullptr, int(rest))
                     .arg(QString::fromStdString(nn::TensorPrintFormat().format(restSum)));
    if (!biasText.isEmpty())
        parts << biasText;
    if (parts.isEmpty())
        parts << QStringLiteral("0");  // in_features = 0 and no bias: an empty sum
    return parts.join(QStringLiteral(" + ")) + QStringLiteral(" = ") + total;
}

}  // namespace

QString productShapes(const nn::Shape& weight, Index n, bool bias, SumNotation notation) {
    auto tuple = [](const nn::Shape& shape) {
        return QString::fromStdString(nn::shapeTuple(shape));
    };
    const Index out = weight.at(0), in = weight.at(1);
    const QString b = bias ? tuple({out}) : QString();
    if (weight.size() == 3)
        return QStringLiteral("%1, %2, %3%4 \u2192 %5")
            .arg(tuple({n, in}), tuple(weight), tuple({n, weight[2]}),
                 bias ? QStringLiteral(" + ") + b : QString(), tuple({n, out}));
    if (notation == SumNotation::Tutorial)
        return QStringLiteral("input %1 * W %2%3 = output %4")
            .arg(tuple({n, in}), tuple({in, out}), bias ? QStringLiteral(" + b ") + b : QString(),
                 tuple({n, out}));
    return QStringLiteral("%1 @ %2%3 \u2192 %4")
        .arg(tuple({n, in}), tuple({in, out}), bias ? QStringLiteral(" + ") + b : QString(),
             tuple({n, out}));
}

QString linearSumText(int n, int j, const float* x, const float* a, Index in,
                      std::optional<float> bias, float y, SumNotation notation) {
    std::vector<Term> terms;
    terms.reserve(static_cast<size_t>(in));
    for (Index i = 0; i < in; ++i) {
        const QString rest = QStringLiteral("\u00b7") + factor(a[i]);
        terms.push_back({i, static_cast<double>(x[i]) * static_cast<double>(a[i]),
                         factor(x[i]) + rest, spell(x[i]) + rest});
    }
    const bool tutorial = notation == SumNotation::Tutorial;
    QString head = tutorial
                       ? QStringLiteral("output[%1, %2] = \u03a3\u1d62 input[%1, i]\u00b7W[i, %2]")
                       : QStringLiteral("y[%1, %2] = \u03a3\u1d62 x[%1, i]\u00b7A[%2, i]");
    head = head.arg(n).arg(j);
    QString biasText;
    if (bias) {
        head += QStringLiteral(" + b[%1]").arg(j);
        biasText = factor(*bias);
    }
    return head + QStringLiteral(" = ") + writeTerms(std::move(terms), biasText, spell(y));
}

QString bilinearSumText(int n, int k, const float* x1, Index in1, const float* x2, Index in2,
                        const float* a, std::optional<float> bias, float y) {
    std::vector<Term> terms;
    terms.reserve(static_cast<size_t>(in1 * in2));
    for (Index i = 0; i < in1; ++i)
        for (Index j = 0; j < in2; ++j) {
            const float w = a[i * in2 + j];
            const QString rest =
                QStringLiteral("\u00b7") + factor(w) + QStringLiteral("\u00b7") + factor(x2[j]);
            terms.push_back(
                {i * in2 + j,
                 static_cast<double>(x1[i]) * static_cast<double>(w) * static_cast<double>(x2[j]),
                 factor(x1[i]) + rest, spell(x1[i]) + rest});
        }
    QString head =
        QStringLiteral("y[%1, %2] = \u03a3\u1d62\u2c7c x1[%1, i]\u00b7A[%2, i, j]\u00b7x2[%1, j]")
            .arg(n)
            .arg(k);
    QString biasText;
    if (bias) {
        head += QStringLiteral(" + b[%1]").arg(k);
        biasText = factor(*bias);
    }
    return head + QStringLiteral(" = ") + writeTerms(std::move(terms), biasText, spell(y));
}

}  // namespace linearlab::ui
