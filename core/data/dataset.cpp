#include "core/data/dataset.h"

namespace linearlab::data {

template <typename T>
Dataset<T> Dataset<T>::subset(const std::vector<Index>& rows) const {
    Dataset out;
    out.x.resize(static_cast<Index>(rows.size()), x.cols());
    out.y.resize(static_cast<Index>(rows.size()), y.cols());
    for (size_t i = 0; i < rows.size(); ++i) {
        out.x.row(static_cast<Index>(i)) = x.row(rows[i]);
        out.y.row(static_cast<Index>(i)) = y.row(rows[i]);
    }
    out.classification = classification;
    out.numClasses = numClasses;
    out.classNames = classNames;
    out.name = name;
    return out;
}

template struct Dataset<float>;
template struct Dataset<double>;

}  // namespace linearlab::data
