#!/usr/bin/env python3
"""png_check.py FILE MIN_W MIN_H: is this PNG a rendered page, not a blank one?

Decodes the PNG (8-bit RGB/RGBA, as Chromium writes them), undoes the row
filters and counts distinct colours and the share of pixels that differ from
the most common one (the background). Prints "WxH colours share" and exits 1
when the image is smaller than asked, nearly one colour, or nearly empty.
"""
import struct
import sys
import zlib
from collections import Counter


def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert depth == 8 and ctype in (2, 6), "unexpected PNG type"
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    prev, out = bytearray(stride), []
    for y in range(h):
        f, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                row[i] = (row[i] + a) & 255
            elif f == 2:
                row[i] = (row[i] + b) & 255
            elif f == 3:
                row[i] = (row[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.append(bytes(row))
        prev = row
    return w, h, bpp, out


def main():
    w, h, bpp, rows = pixels(sys.argv[1])
    count = Counter()
    for y in range(0, h, 4):  # every 4th row and pixel: enough to judge
        r = rows[y]
        for x in range(0, w, 4):
            count[r[x * bpp:x * bpp + 3]] += 1
    total = sum(count.values())
    share = 1 - count.most_common(1)[0][1] / total
    print("%dx%d %d %.3f" % (w, h, len(count), share))
    ok = w >= int(sys.argv[2]) and h >= int(sys.argv[3]) and len(count) >= 8 and share >= 0.02
    return 0 if ok else 1


sys.exit(main())
