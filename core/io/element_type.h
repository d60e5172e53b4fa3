#pragma once
// The element types safetensors files and torch.save storages hold, and how
// one element is read from its little-endian bytes. Loaders keep every value
// as float32, the type LinearLab computes in, and the dtype's name for display.
namespace linearlab::io::detail {

enum class ElementType { Float32, Float64, Float16, BFloat16, Int64, Int32 };

/// torch's spelling: "float32", "float64", "float16", "bfloat16", "int64", "int32".
const char* torchName(ElementType type);

/// Bytes per element: 2, 4 or 8.
int itemSize(ElementType type);

/// The element stored at p (any alignment), converted to float; float64
/// values beyond float's range become +-inf.
float loadElement(ElementType type, const char* p);

}  // namespace linearlab::io::detail
