#pragma once
// The float arithmetic of PyTorch 1.13's CPU kernels that torch.nn.init runs,
// operation for operation, so that LinearLab's normal family equals PyTorch's bit
// for bit. PyTorch compiles its kernels once per CPU capability and picks the
// AVX2 build on an x86-64 CPU with AVX2 (Debian's 1.13 does so on AVX-512 CPUs too,
// and ATEN_CPU_CAPABILITY=avx512 gives the same values). GCC built it with -mavx2
// -mfma and fused each multiply into the add that consumes it. Every such
// fusion is written here as std::fma, every other operation is rounded on its own
// (this file is compiled with -ffp-contract=off), so the result does not depend on
// how LinearLab itself is compiled.
namespace linearlab::nn::torchmath {

/// One lane of log256_ps (ATen/native/cpu/avx_mathfun.h, Cephes' logf) for x > 0.
float logAvx2(float x);
/// One lane of sincos256_ps (avx_mathfun.h, Cephes' sinf and cosf).
void sinCosAvx2(float x, float* sin, float* cos);

/// 16 standard uniforms in [0, 1) at `data` to 16 normal values, as
/// normal_fill_16_AVX2: Box-Muller, cosines to the first 8, sines to the last 8.
void normalFill16Avx2(float* data, float mean, float std);
/// The same for a double tensor, as the scalar normal_fill_16<double> (libm's log,
/// cos, sin; the last multiply-add fused).
void normalFill16(double* data, double mean, double std);

/// calc_erfinv (ATen/native/Math.h): a rational first guess refined by two Newton
/// steps, in the precision of T, as tensor.erfinv_() computes it.
float erfinv(float y);
double erfinv(double y);

}  // namespace linearlab::nn::torchmath
