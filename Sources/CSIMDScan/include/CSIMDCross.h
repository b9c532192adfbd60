#ifndef CSIMDCROSS_H
#define CSIMDCROSS_H

// k-means' cross products on AVX-512 when the CPU has it (chosen at run time; the build stays baseline x86-64).

#include <stddef.h>

/// `out[i·k + c] = −2 · Σ_j x[i·d + j] · centresT[j·kPadded + c]` for rows i < rows and centres c < k: the
/// `−2 X Cᵀ` term of squared distances, the centres given transposed (d rows of `kPadded` values, kPadded a
/// multiple of 8, padding ignored). Each sum runs over j in order with fused multiply-adds, eight centres per
/// vector and eight rows at a time. Call only on CPUs with AVX-512F (`CPUFeatures.avx512f`
/// in LinAlg).
void csimd_cross_products(const double *x, size_t rows, size_t d, const double *centresT, size_t k, size_t kPadded,
                          double *out);

#endif
