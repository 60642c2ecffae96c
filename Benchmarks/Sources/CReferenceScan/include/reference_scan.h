// The hand-written AVX-512 kernels of the shared peer harness (bench/peers/kernels.c), single-
// threaded, so Loupe's Swift kernels can be timed against them in one process.
#pragma once

/// Exact top-k (k <= 64) by inner product over n rows of d floats; ids and scores best first.
void reference_scan_topk(const float *rows, long n, int d, const float *q, int k, long *ids, float *scores);

/// The sum of n floats, read once: the memory-bandwidth floor of any scan over them.
float reference_sum_read(const float *a, long n);
