// SwiftPM needs one source file per C target; most functions are `static inline` in include/CSIMDScan.h. The
// AVX-512 k-means kernels live here so that only they are compiled for AVX-512 (function target attributes).
#include "CSIMDScan.h"

#if defined(__x86_64__)
#include <immintrin.h>

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

/// `rowCount` (1-8) rows from `row` against the eight centres from `group`, into `out` (row stride `k`). Eight
/// independent sums keep both FMA ports busy through the four-cycle latency.
__attribute__((target("avx512f")))
static inline void csimd_cross_rows(const double *x, size_t row, size_t rowCount, size_t d, const double *centresT,
                                    size_t group, size_t k, size_t kPadded, double *out) {
    const double *r[8];
    for (size_t i = 0; i < 8; i++) r[i] = x + (row + (i < rowCount ? i : 0)) * d;
    __m512d s0 = _mm512_setzero_pd(), s1 = _mm512_setzero_pd(), s2 = _mm512_setzero_pd(), s3 = _mm512_setzero_pd();
    __m512d s4 = _mm512_setzero_pd(), s5 = _mm512_setzero_pd(), s6 = _mm512_setzero_pd(), s7 = _mm512_setzero_pd();
    for (size_t j = 0; j < d; j++) {
        const __m512d centres = _mm512_loadu_pd(centresT + j * kPadded + group);
        s0 = _mm512_fmadd_pd(_mm512_set1_pd(r[0][j]), centres, s0);
        s1 = _mm512_fmadd_pd(_mm512_set1_pd(r[1][j]), centres, s1);
        s2 = _mm512_fmadd_pd(_mm512_set1_pd(r[2][j]), centres, s2);
        s3 = _mm512_fmadd_pd(_mm512_set1_pd(r[3][j]), centres, s3);
        s4 = _mm512_fmadd_pd(_mm512_set1_pd(r[4][j]), centres, s4);
        s5 = _mm512_fmadd_pd(_mm512_set1_pd(r[5][j]), centres, s5);
        s6 = _mm512_fmadd_pd(_mm512_set1_pd(r[6][j]), centres, s6);
        s7 = _mm512_fmadd_pd(_mm512_set1_pd(r[7][j]), centres, s7);
    }
    const size_t width = k - group < 8 ? k - group : 8;
    const __mmask8 mask = (__mmask8)((1u << width) - 1);
    const __m512d minusTwo = _mm512_set1_pd(-2.0);
    const __m512d sums[8] = {s0, s1, s2, s3, s4, s5, s6, s7};
    for (size_t i = 0; i < rowCount; i++) {
        _mm512_mask_storeu_pd(out + (row + i) * k + group, mask, _mm512_mul_pd(sums[i], minusTwo));
    }
}

__attribute__((target("avx512f")))
void csimd_cross_products(const double *x, size_t rows, size_t d, const double *centresT, size_t k, size_t kPadded,
                          double *out) {
    for (size_t row = 0; row < rows; row += 8) {
        const size_t rowCount = rows - row < 8 ? rows - row : 8;
        for (size_t group = 0; group < k; group += 8) {
            csimd_cross_rows(x, row, rowCount, d, centresT, group, k, kPadded, out);
        }
    }
}
#else
/// The same products without vector instructions, for other architectures (whose CPUs have no AVX-512F, so the
/// Swift side never calls it).
void csimd_cross_products(const double *x, size_t rows, size_t d, const double *centresT, size_t k, size_t kPadded,
                          double *out) {
    for (size_t i = 0; i < rows; i++) {
        for (size_t c = 0; c < k; c++) {
            double sum = 0;
            for (size_t j = 0; j < d; j++) sum += x[i * d + j] * centresT[j * kPadded + c];
            out[i * k + c] = -2 * sum;
        }
    }
}

/// The same distances without vector instructions, for other architectures (whose CPUs have no AVX-512F, so the
/// Swift side never calls it).
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
