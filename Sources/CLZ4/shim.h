// liblz4 (Debian liblz4-dev): the block codec LoupeStorage uses for page payloads.
#ifndef LOUPE_CLZ4_SHIM_H
#define LOUPE_CLZ4_SHIM_H

#include <lz4.h>

#endif
