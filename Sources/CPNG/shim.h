// libpng (Debian libpng-dev), for decoding PNG images in LoupeEmbed.
//
// libpng reports fatal errors with longjmp, which Swift cannot catch, so the whole decode runs
// here in C behind setjmp and returns a status and a message instead. The transformations mirror
// what Pillow's PNG reader gives before `convert("RGB")`: palettes expand to RGB, 1/2/4-bit grey
// scales to 8 bits, 16-bit samples keep their high byte, gamma is ignored. Alpha and tRNS
// channels are kept; the caller drops them. Warnings are silenced: library code never prints.
#ifndef LOUPE_CPNG_SHIM_H
#define LOUPE_CPNG_SHIM_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>

/// The decoded samples of one PNG image: 8 bits per sample.
typedef struct loupe_png_image {
    /// `width * height * channels` bytes, row by row; allocated with malloc, freed by
    /// `loupe_png_free`.
    unsigned char *pixels;
    unsigned char **rows;
    int width;
    int height;
    /// 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA).
    int channels;
    /// Set when decoding failed; `message` then says why.
    char message[256];
} loupe_png_image;

/// Pillow's decompression-bomb limit: larger images are refused.
#define LOUPE_PNG_MAX_PIXELS 178956970.0

struct loupe_png_reader {
    const unsigned char *data;
    size_t size;
    size_t offset;
    loupe_png_image *image;
};

static inline void loupe_png_read(png_structp png, png_bytep buffer, size_t length) {
    struct loupe_png_reader *reader = (struct loupe_png_reader *)png_get_io_ptr(png);
    if (length > reader->size - reader->offset) {
        png_error(png, "unexpected end of data");
    }
    memcpy(buffer, reader->data + reader->offset, length);
    reader->offset += length;
}

static inline void loupe_png_error(png_structp png, png_const_charp message) {
    struct loupe_png_reader *reader = (struct loupe_png_reader *)png_get_io_ptr(png);
    snprintf(reader->image->message, sizeof(reader->image->message), "%s", message);
    png_longjmp(png, 1);
}

static inline void loupe_png_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

/// Releases the samples of a decoded image.
static inline void loupe_png_free(loupe_png_image *image) {
    free(image->pixels);
    free(image->rows);
    image->pixels = NULL;
    image->rows = NULL;
}

/// Decodes `size` bytes of PNG into `out`. Returns 1 on success; on failure returns 0, frees
/// what it allocated and leaves the reason in `out->message`.
static inline int loupe_png_decode(const unsigned char *data, size_t size, loupe_png_image *out) {
    struct loupe_png_reader reader = {data, size, 0, out};
    png_structp png;
    png_infop info;
    memset(out, 0, sizeof(*out));
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        snprintf(out->message, sizeof(out->message), "not a PNG signature");
        return 0;
    }
    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (png == NULL) {
        snprintf(out->message, sizeof(out->message), "out of memory");
        return 0;
    }
    info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        snprintf(out->message, sizeof(out->message), "out of memory");
        return 0;
    }
    png_set_read_fn(png, &reader, loupe_png_read);
    png_set_error_fn(png, &reader, loupe_png_error, loupe_png_warning);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        loupe_png_free(out);
        if (out->message[0] == 0) {
            snprintf(out->message, sizeof(out->message), "invalid PNG data");
        }
        return 0;
    }
    png_set_user_limits(png, 1u << 16, 1u << 16);
    png_read_info(png, info);
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(png);
    }
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) {
        png_set_expand_gray_1_2_4_to_8(png);
    }
    if (bit_depth == 16) {
        png_set_strip_16(png);
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    out->width = (int)png_get_image_width(png, info);
    out->height = (int)png_get_image_height(png, info);
    out->channels = png_get_channels(png, info);
    if ((double)out->width * (double)out->height > LOUPE_PNG_MAX_PIXELS) {
        png_error(png, "image too large (more than 178956970 pixels)");
    }
    size_t stride = png_get_rowbytes(png, info);
    if (stride != (size_t)out->width * (size_t)out->channels) {
        png_error(png, "unexpected row layout after conversion");
    }
    out->pixels = (unsigned char *)malloc(stride * (size_t)out->height);
    out->rows = (unsigned char **)malloc(sizeof(unsigned char *) * (size_t)out->height);
    if (out->pixels == NULL || out->rows == NULL) {
        png_error(png, "out of memory for the pixels");
    }
    for (int y = 0; y < out->height; y++) {
        out->rows[y] = out->pixels + stride * (size_t)y;
    }
    png_read_image(png, out->rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    free(out->rows);
    out->rows = NULL;
    return 1;
}

#endif
