#ifndef BOTSIFT_CBLASLAPACK_SHIM_H
#define BOTSIFT_CBLASLAPACK_SHIM_H

#include <cblas.h>
#include <lapacke.h>

/* lapacke.h defines lapack_int as a macro, which Swift cannot import; a typedef makes it visible. */
typedef lapack_int botsift_lapack_int;

/* CPU feature probes, so Swift can pick an OpenBLAS kernel name for processors OpenBLAS 0.3.21 does not know. */
static inline int botsift_cpu_supports_avx512f(void) { return __builtin_cpu_supports("avx512f"); }
static inline int botsift_cpu_supports_avx2(void) { return __builtin_cpu_supports("avx2"); }
/* AVX-512 byte permutes and compress (VBMI, VBMI2) with their BW base: botsift's text normaliser kernel. */
static inline int botsift_cpu_supports_avx512_byte_packing(void) {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512vbmi2");
}

#endif
