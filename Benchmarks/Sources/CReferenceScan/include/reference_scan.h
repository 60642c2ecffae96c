// The hand-written AVX-512 exact top-k scan of the shared peer harness (bench/peers/kernels.c,
// `scan_topk`), single-threaded, so Loupe's Swift kernel can be timed against it in one process.
#pragma once

/// Exact top-k (k <= 64) by inner product over n rows of d floats; ids and scores best first.
void reference_scan_topk(const float *rows, long n, int d, const float *q, int k, long *ids, float *scores);
