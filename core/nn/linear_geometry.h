#pragma once
// What one Linear does to space: its weight A = U Σ Vᵀ (rotate or reflect by
// Vᵀ, scale the axes by the singular values, rotate or reflect by U), the sign
// of its determinant and its rank, as torch.linalg computes them; and the
// plane's path from the identity to x Aᵀ + b, for the geometry lesson's slider.
// Small closed-form maths over one weight, cheap enough to run while painting.
#include "core/nn/tensor.h"

#include <Eigen/Dense>

namespace linearlab::nn {

/// The singular value decomposition of a weight A (out_features, in_features).
struct LinearGeometry {
    Eigen::MatrixXd u;               ///< (out, out), orthogonal
    Eigen::VectorXd singularValues;  ///< min(out, in) values, descending (torch.linalg.svdvals)
    Eigen::MatrixXd v;               ///< (in, in), orthogonal; a rotation when in = 2
    /// sign(torch.linalg.det(A)) for a square A: -1 when A reflects, 0 when it
    /// is singular; 0 for a non-square A, which has no determinant.
    int determinantSign = 0;
    /// torch.linalg.matrix_rank(A) with its default tolerance:
    /// σ > σ_max · max(out, in) · eps of A's dtype.
    Index rank = 0;
    double tolerance = 0;  ///< that threshold
};

/// A's decomposition, with `epsilon` the machine epsilon of A's dtype
/// (std::numeric_limits<float>::epsilon() for float32), which sets the rank's
/// tolerance. When V can be a rotation it is one, so a reflection sits in U.
LinearGeometry linearGeometry(const Eigen::MatrixXd& a, double epsilon);

/// The affine map the plane has gone through at slider position t in [0, 1]
/// for a square 2x2 weight: [0, ¼] turns by Vᵀ, [¼, ½] scales by Σ, [½, ¾]
/// turns by U (a reflection folds through a line), [¾, 1] shifts by b. At t = 1
/// it is x Aᵀ + b: p ↦ matrix · p + offset.
struct PlaneMap {
    Eigen::Matrix2d matrix = Eigen::Matrix2d::Identity();
    Eigen::Vector2d offset = Eigen::Vector2d::Zero();
};
PlaneMap morphPlane(const LinearGeometry& g, const Eigen::Vector2d& bias, double t);

}  // namespace linearlab::nn
