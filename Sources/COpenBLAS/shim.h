// OpenBLAS (Debian libopenblas-dev): CBLAS matrix products for the CLIP transformer.
#include <cblas.h>
