#include "core/nn/linear_geometry.h"

#include <algorithm>
#include <cmath>

namespace linearlab::nn {

LinearGeometry linearGeometry(const Eigen::MatrixXd& a, double epsilon) {
    LinearGeometry g;
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(a, Eigen::ComputeFullU | Eigen::ComputeFullV);
    g.u = svd.matrixU();
    g.v = svd.matrixV();
    g.singularValues = svd.singularValues();
    // A = U Σ Vᵀ still holds when column k of both U and V changes sign; use
    // that to make V a rotation, so a reflection, if any, is U's alone.
    const Index k = std::min(a.rows(), a.cols()) - 1;
    if (k >= 0 && g.v.rows() > 0 && g.v.determinant() < 0) {
        g.v.col(k) *= -1;
        g.u.col(k) *= -1;
    }
    if (a.rows() == a.cols() && a.rows() > 0) {
        const double det = a.determinant();
        g.determinantSign = det > 0 ? 1 : (det < 0 ? -1 : 0);
    }
    const double largest = g.singularValues.size() > 0 ? g.singularValues.maxCoeff() : 0.0;
    g.tolerance = largest * static_cast<double>(std::max(a.rows(), a.cols())) * epsilon;
    g.rank = 0;
    for (Index i = 0; i < g.singularValues.size(); ++i)
        if (g.singularValues(i) > g.tolerance)
            ++g.rank;
    return g;
}

namespace {

Eigen::Matrix2d rotation(double angle) {
    Eigen::Matrix2d r;
    r << std::cos(angle), -std::sin(angle), std::sin(angle), std::cos(angle);
    return r;
}

/// Part s of the way from the identity to the orthogonal m: along the turn when
/// m is a rotation, straight (folding through a line) when it reflects.
Eigen::Matrix2d partWay(const Eigen::Matrix2d& m, double s) {
    if (m.determinant() > 0)
        return rotation(s * std::atan2(m(1, 0), m(0, 0)));
    return (1 - s) * Eigen::Matrix2d::Identity() + s * m;
}

}  // namespace

PlaneMap morphPlane(const LinearGeometry& g, const Eigen::Vector2d& bias, double t) {
    PlaneMap map;
    if (g.u.rows() != 2 || g.v.rows() != 2)
        return map;
    t = std::clamp(t, 0.0, 1.0);
    const auto stage = [t](int k) { return std::clamp(4 * t - k, 0.0, 1.0); };
    const Eigen::Matrix2d vt = g.v.transpose();
    Eigen::Matrix2d scale = Eigen::Matrix2d::Identity();
    for (int i = 0; i < 2; ++i)
        scale(i, i) = 1 + stage(1) * (g.singularValues(i) - 1);
    map.matrix = partWay(g.u, stage(2)) * scale * partWay(vt, stage(0));
    map.offset = stage(3) * bias;
    return map;
}

}  // namespace linearlab::nn
