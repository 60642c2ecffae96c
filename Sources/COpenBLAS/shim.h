// OpenBLAS (Debian libopenblas-dev): the CBLAS types and enums of the CLIP transformer's matrix
// products. The library itself is not linked: LoupeEmbed loads it at run time
// (OpenBLASLibrary.swift), so programs that never embed an image never start its threads.
// Debian installs cblas.h under /usr/include/x86_64-linux-gnu (an alternatives link to the
// OpenBLAS copy), which is on the compiler's default search path; `openblas_set_num_threads`
// comes from that header.
#include <cblas.h>
