#ifndef CSIMDSEEDING_H
#define CSIMDSEEDING_H

// k-means++ seeding distances on AVX-512 when the CPU has it (chosen at run time; the build stays baseline x86-64).

#include <stddef.h>

/// For the `count` points of `points` (row-major, `stride` floats per row, stride a multiple of 16, zero padding)
/// and the four candidate rows `candidates[0..3]` (rows of the same layout): `out[t][i] = min(closest[i],
/// |p_i − c_t|²)`, and `potentials[t]` = the sum over i of `out[t][i]` in double precision. Squared distances are
/// summed 16 floats at a time with fused multiply-adds. Call only on CPUs with AVX-512F
/// (`CPUFeatures.avx512f` in LinAlg).
void csimd_seeding_distances4(const float *points, size_t count, size_t stride, const float *const candidates[4],
                              const float *closest, float *const out[4], double potentials[4]);

#endif
