// The names pickle values' kinds have in error messages.
#include "core/io/pickle_value.h"

namespace linearlab::io::pickle {

const char* kindName(Kind k) {
    switch (k) {
        case Kind::None:
            return "None";
        case Kind::Bool:
            return "a bool";
        case Kind::Int:
            return "an int";
        case Kind::String:
            return "a str";
        case Kind::Tuple:
            return "a tuple";
        case Kind::Dict:
            return "a dict";
        case Kind::Global:
            return "a global";
        case Kind::Storage:
            return "a storage";
        case Kind::Tensor:
            return "a tensor";
    }
    return "?";
}

}  // namespace linearlab::io::pickle
