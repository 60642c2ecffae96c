// libjpeg-turbo (Debian libjpeg62-turbo-dev), for decoding JPEG images in LoupeEmbed.
#include <stdio.h>
#include <jpeglib.h>
