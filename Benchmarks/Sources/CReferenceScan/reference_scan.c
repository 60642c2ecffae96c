// bench/peers/kernels.c's dot() and topk_push(), unchanged; scan_topk() and sum_read() without OpenMP.
#include "reference_scan.h"

#include <float.h>
#include <immintrin.h>

static inline float dot(const float *x, const float *q, int d) {
#if defined(__AVX512F__)
    if ((d & 63) == 0) {
        __m512 a0 = _mm512_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
        for (int j = 0; j < d; j += 64) {
            a0 = _mm512_fmadd_ps(_mm512_loadu_ps(x + j), _mm512_loadu_ps(q + j), a0);
            a1 = _mm512_fmadd_ps(_mm512_loadu_ps(x + j + 16), _mm512_loadu_ps(q + j + 16), a1);
            a2 = _mm512_fmadd_ps(_mm512_loadu_ps(x + j + 32), _mm512_loadu_ps(q + j + 32), a2);
            a3 = _mm512_fmadd_ps(_mm512_loadu_ps(x + j + 48), _mm512_loadu_ps(q + j + 48), a3);
        }
        return _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)));
    }
#endif
    float s = 0.0f;
    for (int j = 0; j < d; j++) s += x[j] * q[j];
    return s;
}

static inline void topk_push(float *s, long *ids, int k, float v, long id) {
    int j = k - 1;
    while (j > 0 && s[j - 1] < v) {
        s[j] = s[j - 1];
        ids[j] = ids[j - 1];
        j--;
    }
    s[j] = v;
    ids[j] = id;
}

void reference_scan_topk(const float *rows, long n, int d, const float *q, int k, long *ids, float *scores) {
    if (k > 64) k = 64;
    for (int j = 0; j < k; j++) { scores[j] = -FLT_MAX; ids[j] = -1; }
    float thr = -FLT_MAX;
    for (long i = 0; i < n; i++) {
        float v = dot(rows + (long)i * d, q, d);
        if (v > thr) {
            topk_push(scores, ids, k, v, i);
            thr = scores[k - 1];
        }
    }
}

float reference_sum_read(const float *a, long n) {
    long i = 0;
    float tail = 0.0f;
#if defined(__AVX512F__)
    __m512 s0 = _mm512_setzero_ps(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
    for (; i + 128 <= n; i += 128) {
        s0 = _mm512_add_ps(s0, _mm512_loadu_ps(a + i));
        s1 = _mm512_add_ps(s1, _mm512_loadu_ps(a + i + 16));
        s2 = _mm512_add_ps(s2, _mm512_loadu_ps(a + i + 32));
        s3 = _mm512_add_ps(s3, _mm512_loadu_ps(a + i + 48));
        s4 = _mm512_add_ps(s4, _mm512_loadu_ps(a + i + 64));
        s5 = _mm512_add_ps(s5, _mm512_loadu_ps(a + i + 80));
        s6 = _mm512_add_ps(s6, _mm512_loadu_ps(a + i + 96));
        s7 = _mm512_add_ps(s7, _mm512_loadu_ps(a + i + 112));
    }
    __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(s0, s1), _mm512_add_ps(s2, s3)),
                             _mm512_add_ps(_mm512_add_ps(s4, s5), _mm512_add_ps(s6, s7)));
    tail = _mm512_reduce_add_ps(s);
#endif
    for (; i < n; i++) tail += a[i];
    return tail;
}
