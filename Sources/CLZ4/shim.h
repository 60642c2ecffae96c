// liblz4 (Debian liblz4-dev): the block codec LoupeStorage uses for page payloads, and the frame
// format (lz4frame.h) of .lz4 files read and written by INSERT ... FROM INFILE and INTO OUTFILE.
#ifndef LOUPE_CLZ4_SHIM_H
#define LOUPE_CLZ4_SHIM_H

#include <lz4.h>
#include <lz4frame.h>

#endif
