// libpng (Debian libpng-dev), for decoding PNG images in LoupeEmbed.
#include <png.h>
