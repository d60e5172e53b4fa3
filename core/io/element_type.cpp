#include "core/io/element_type.h"

#include "core/data/little_endian.h"

#include "core/io/io_util.h"

#include <cstdint>

namespace linearlab::io::detail {

const char* torchName(ElementType type) {
    switch (type) {
        case ElementType::Float32:
            return "float32";
        case ElementType::Float64:
            return "float64";
        case ElementType::Float16:
            return "float16";
        case ElementType::BFloat16:
            return "bfloat16";
        case ElementType::Int64:
            return "int64";
        case ElementType::Int32:
            return "int32";
    }
    return "?";
}

int itemSize(ElementType type) {
    switch (type) {
        case ElementType::Float16:
        case ElementType::BFloat16:
            return 2;
        case ElementType::Float32:
        case ElementType::Int32:
            return 4;
        case ElementType::Float64:
        case ElementType::Int64:
            return 8;
    }
    return 0;
}

nn::DType heldAs(ElementType type) {
    switch (type) {
        case ElementType::Float32:
        case ElementType::Float16:
        case ElementType::BFloat16:
            return nn::DType::Float32;
        case ElementType::Float64:
        case ElementType::Int64:
        case ElementType::Int32:
            return nn::DType::Float64;
    }
    return nn::DType::Float32;
}

template <>
float loadElement<float>(ElementType type, const char* p) {
    switch (type) {
        case ElementType::Float32:
            return data::loadLE<float>(p);
        case ElementType::Float64:
            return doubleToFloat(data::loadLE<double>(p));
        case ElementType::Float16:
            return halfToFloat(data::loadLE<std::uint16_t>(p));
        case ElementType::BFloat16:
            return bfloat16ToFloat(data::loadLE<std::uint16_t>(p));
        case ElementType::Int64:
            return static_cast<float>(data::loadLE<std::int64_t>(p));
        case ElementType::Int32:
            return static_cast<float>(data::loadLE<std::int32_t>(p));
    }
    return 0;
}

template <>
double loadElement<double>(ElementType type, const char* p) {
    switch (type) {
        case ElementType::Float64:
            return data::loadLE<double>(p);
        case ElementType::Int64:
            return static_cast<double>(data::loadLE<std::int64_t>(p));
        case ElementType::Int32:
            return static_cast<double>(data::loadLE<std::int32_t>(p));
        default:
            return static_cast<double>(loadElement<float>(type, p));  // exact
    }
}

}  // namespace linearlab::io::detail
