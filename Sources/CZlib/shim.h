// zlib (Debian zlib1g-dev): gzip streams for INSERT ... FROM INFILE and SELECT ... INTO OUTFILE.
#ifndef LOUPE_CZLIB_SHIM_H
#define LOUPE_CZLIB_SHIM_H

#include <zlib.h>

#endif
