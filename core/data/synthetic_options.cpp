#include "core/data/synthetic_options.h"

namespace linearlab::data {

bool SyntheticOptions::operator==(const SyntheticOptions& o) const {
    return dataset == o.dataset && samples == o.samples && seed == o.seed && noise == o.noise &&
           classes == o.classes && in_features == o.in_features && out_features == o.out_features;
}

}  // namespace linearlab::data
