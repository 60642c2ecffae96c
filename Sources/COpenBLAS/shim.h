// OpenBLAS (Debian libopenblas-dev): CBLAS matrix products for the CLIP transformer.
// Debian installs cblas.h under /usr/include/x86_64-linux-gnu (an alternatives link to the
// OpenBLAS copy), which is on the compiler's default search path; `openblas_set_num_threads`
// comes from that header.
#include <cblas.h>
