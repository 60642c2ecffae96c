// libjpeg-turbo (Debian libjpeg62-turbo-dev), for decoding JPEG images in LoupeEmbed.
//
// libjpeg reports fatal errors by calling `error_exit`, which by default exits the process; Swift
// cannot catch a longjmp, so the whole decode runs here in C behind setjmp and returns a status
// and a message instead. Decoding uses libjpeg's defaults (islow DCT, fancy upsampling), the
// settings Pillow uses, so the pixels match Pillow's. Warnings (corrupt but readable data) are
// silenced: library code never prints.
#ifndef LOUPE_CJPEG_SHIM_H
#define LOUPE_CJPEG_SHIM_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

/// The decoded samples of one JPEG image, as libjpeg delivers them.
typedef struct loupe_jpeg_image {
    /// `width * height * components` samples, row by row; allocated with malloc, freed by
    /// `loupe_jpeg_free`.
    unsigned char *pixels;
    int width;
    int height;
    /// 1 (greyscale), 3 (RGB) or 4 (CMYK, as stored: Adobe files store it inverted).
    int components;
    /// Set when decoding failed; `message` then says why.
    char message[JMSG_LENGTH_MAX + 32];
} loupe_jpeg_image;

struct loupe_jpeg_error_manager {
    struct jpeg_error_mgr base;
    jmp_buf jump;
};

static inline void loupe_jpeg_error_exit(j_common_ptr cinfo) {
    struct loupe_jpeg_error_manager *manager = (struct loupe_jpeg_error_manager *)cinfo->err;
    longjmp(manager->jump, 1);
}

static inline void loupe_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }

/// Decodes `size` bytes of JPEG into `out`. Returns 1 on success; on failure returns 0, frees
/// what it allocated and leaves the reason in `out->message`.
static inline int loupe_jpeg_decode(const unsigned char *data, unsigned long size, loupe_jpeg_image *out) {
    struct jpeg_decompress_struct cinfo;
    struct loupe_jpeg_error_manager manager;
    memset(out, 0, sizeof(*out));
    if (size == 0) {
        snprintf(out->message, sizeof(out->message), "empty input");
        return 0;
    }
    cinfo.err = jpeg_std_error(&manager.base);
    manager.base.error_exit = loupe_jpeg_error_exit;
    manager.base.output_message = loupe_jpeg_output_message;
    if (setjmp(manager.jump)) {
        manager.base.format_message((j_common_ptr)&cinfo, out->message);
        jpeg_destroy_decompress(&cinfo);
        free(out->pixels);
        out->pixels = NULL;
        return 0;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, size);
    jpeg_read_header(&cinfo, TRUE);
    switch (cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
        cinfo.out_color_space = JCS_GRAYSCALE;
        break;
    case JCS_CMYK:
    case JCS_YCCK:
        cinfo.out_color_space = JCS_CMYK;
        break;
    default:
        cinfo.out_color_space = JCS_RGB;
        break;
    }
    if ((double)cinfo.image_width * (double)cinfo.image_height > 178956970.0) {
        snprintf(out->message, sizeof(out->message), "image too large (%ux%u)", cinfo.image_width,
                 cinfo.image_height);
        jpeg_destroy_decompress(&cinfo);
        return 0;
    }
    jpeg_start_decompress(&cinfo);
    out->width = (int)cinfo.output_width;
    out->height = (int)cinfo.output_height;
    out->components = cinfo.output_components;
    size_t stride = (size_t)cinfo.output_width * (size_t)cinfo.output_components;
    out->pixels = (unsigned char *)malloc(stride * cinfo.output_height);
    if (out->pixels == NULL) {
        snprintf(out->message, sizeof(out->message), "out of memory for %ux%u pixels",
                 cinfo.output_width, cinfo.output_height);
        jpeg_destroy_decompress(&cinfo);
        return 0;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out->pixels + stride * cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return 1;
}

/// Releases the samples of a decoded image.
static inline void loupe_jpeg_free(loupe_jpeg_image *image) {
    free(image->pixels);
    image->pixels = NULL;
}

#endif
