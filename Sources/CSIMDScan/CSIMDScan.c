// SwiftPM needs one source file per C target; most functions are `static inline` in include/CSIMDScan.h. The
// AVX-512 k-means++ seeding kernel lives here so that only it is compiled for AVX-512 (a function target attribute).
#include "CSIMDScan.h"

#if defined(__x86_64__)
#include <immintrin.h>

int csimd_seeding_distances_available(void) { return __builtin_cpu_supports("avx512f"); }

__attribute__((target("avx512f")))
void csimd_seeding_distances4(const float *points, size_t count, size_t stride, const float *const candidates[4],
                              const float *closest, float *const out[4], double potentials[4]) {
    double sums[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < count; i++) {
        const float *row = points + i * stride;
        __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps(), a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
        for (size_t j = 0; j < stride; j += 16) {
            const __m512 v = _mm512_loadu_ps(row + j);
            const __m512 q0 = _mm512_sub_ps(v, _mm512_loadu_ps(candidates[0] + j));
            const __m512 q1 = _mm512_sub_ps(v, _mm512_loadu_ps(candidates[1] + j));
            const __m512 q2 = _mm512_sub_ps(v, _mm512_loadu_ps(candidates[2] + j));
            const __m512 q3 = _mm512_sub_ps(v, _mm512_loadu_ps(candidates[3] + j));
            a0 = _mm512_fmadd_ps(q0, q0, a0);
            a1 = _mm512_fmadd_ps(q1, q1, a1);
            a2 = _mm512_fmadd_ps(q2, q2, a2);
            a3 = _mm512_fmadd_ps(q3, q3, a3);
        }
        const float limit = closest[i];
        const float d0 = _mm512_reduce_add_ps(a0), d1 = _mm512_reduce_add_ps(a1);
        const float d2 = _mm512_reduce_add_ps(a2), d3 = _mm512_reduce_add_ps(a3);
        const float m0 = d0 < limit ? d0 : limit, m1 = d1 < limit ? d1 : limit;
        const float m2 = d2 < limit ? d2 : limit, m3 = d3 < limit ? d3 : limit;
        out[0][i] = m0;
        out[1][i] = m1;
        out[2][i] = m2;
        out[3][i] = m3;
        sums[0] += m0;
        sums[1] += m1;
        sums[2] += m2;
        sums[3] += m3;
    }
    for (int t = 0; t < 4; t++) potentials[t] = sums[t];
}
#else
int csimd_seeding_distances_available(void) { return 0; }

/// The same distances without vector instructions, for other architectures (the Swift side calls the kernel only
/// when `csimd_seeding_distances_available` says so, which it never does here).
void csimd_seeding_distances4(const float *points, size_t count, size_t stride, const float *const candidates[4],
                              const float *closest, float *const out[4], double potentials[4]) {
    for (int t = 0; t < 4; t++) {
        double sum = 0;
        for (size_t i = 0; i < count; i++) {
            float d = 0;
            for (size_t j = 0; j < stride; j++) {
                const float q = points[i * stride + j] - candidates[t][j];
                d += q * q;
            }
            const float m = d < closest[i] ? d : closest[i];
            out[t][i] = m;
            sum += m;
        }
        potentials[t] = sum;
    }
}
#endif
