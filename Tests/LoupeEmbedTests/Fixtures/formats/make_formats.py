#!/usr/bin/env python3
"""Builds the small colour-conversion fixtures: one image per PNG colour type / bit depth and per
JPEG colour space and EXIF orientation, each with `<name>.rgb.png`, the RGB pixels Pillow gives
(Image.open(f).convert("RGB"), after ImageOps.exif_transpose for the orientation JPEGs).
Needs pillow and numpy. Run from this folder."""
import io
import numpy as np
from PIL import Image, ImageOps

W, H = 23, 17
rng = np.random.default_rng(7)
yy, xx = np.mgrid[0:H, 0:W]
rgb = np.stack([(xx * 11) % 256, (yy * 15) % 256, ((xx + yy) * 7) % 256], -1).astype(np.uint8)
rgb[5:9, 3:12] = rng.integers(0, 256, (4, 9, 3), dtype=np.uint8)
base = Image.fromarray(rgb, "RGB")
alpha = Image.fromarray(((xx * yy) % 256).astype(np.uint8), "L")


def save(name, im, **kw):
    im.save(name, **kw)
    out = Image.open(name)
    if name.endswith(".jpg"):
        out = ImageOps.exif_transpose(out)
    out.convert("RGB").save(name.rsplit(".", 1)[0] + ".rgb.png")


save("grey8.png", base.convert("L"))
save("grey_alpha.png", Image.merge("LA", [base.convert("L"), alpha]))
rgba = base.copy(); rgba.putalpha(alpha)
save("rgba.png", rgba)
save("palette.png", base.convert("P", palette=Image.ADAPTIVE, colors=37))
pt = base.convert("P", palette=Image.ADAPTIVE, colors=16); pt.info["transparency"] = 3
save("palette_trns.png", pt, transparency=3)
save("bilevel.png", base.convert("1"))
grey4 = Image.fromarray(((np.asarray(base.convert("L")) // 17) * 17).astype(np.uint8), "L")
save("grey4.png", grey4, bits=4)
# 16-bit RGB and RGBA through raw PNG writing (Pillow cannot save RGB;16 directly).
import struct, zlib
def png16(name, arr, color_type):
    h, w = arr.shape[:2]
    raw = b"".join(b"\x00" + arr[y].astype(">u2").tobytes() for y in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, color_type, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    open(name, "wb").write(data)
    if color_type != 0:
        Image.open(name).convert("RGB").save(name[:-4] + ".rgb.png")
wide = (rgb.astype(np.uint16) * 257 + rng.integers(0, 200, rgb.shape)).astype(np.uint16)
png16("rgb16.png", wide, 2)
# 16-bit grey: Pillow clips the values to 255 on convert("RGB"); LoupeEmbed keeps the high byte
# (docs/decisions/0600), so the expected image here is made from the high byte, not by Pillow.
grey16 = (np.asarray(base.convert("L"), np.uint16) * 257 + 100).astype(np.uint16)
png16("grey16.png", grey16, 0)
Image.fromarray(np.repeat((grey16 >> 8).astype(np.uint8)[..., None], 3, -1), "RGB").save("grey16.rgb.png")
png16("rgba16.png", np.concatenate([wide, (np.asarray(alpha, np.uint16) * 257)[..., None]], -1), 6)
save("grey.jpg", base.convert("L"), quality=90)
save("cmyk.jpg", base.convert("CMYK"), quality=90)
save("progressive.jpg", base, quality=85, progressive=True)
save("subsampled422.jpg", base, quality=85, subsampling=1)
for orientation in (3, 6, 8):
    exif = Image.Exif(); exif[0x0112] = orientation
    save(f"orient{orientation}.jpg", base, quality=92, exif=exif.tobytes())
