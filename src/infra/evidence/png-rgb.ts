import { constants, inflateRawSync, inflateSync } from 'node:zlib';

/** 8-bit RGB pixels, row-major, 3 bytes a pixel. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
}

/**
 * A small PNG decoder to 8-bit RGB (alpha composited over white), for thumbnails: non-interlaced, bit depth 8
 * or 16, colour types 0, 2, 3, 4 and 6 — the same subset as png-grey.ts. Returns undefined for anything else
 * (Adam7, bit depths < 8) or above `maxPixels`.
 */
export function decodePngRgb(buf: Uint8Array, maxPixels = 50_000_000): RgbImage | undefined {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 33 || sig.some((b, i) => buf[i] !== b)) return undefined;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let width = 0;
  let height = 0;
  let depth = 0;
  let colour = 0;
  let palette: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  for (let p = 8; p + 8 <= buf.length;) {
    const len = dv.getUint32(p);
    const type = String.fromCharCode(buf[p + 4]!, buf[p + 5]!, buf[p + 6]!, buf[p + 7]!);
    const data = buf.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') {
      width = dv.getUint32(p + 8);
      height = dv.getUint32(p + 12);
      depth = buf[p + 16]!;
      colour = buf[p + 17]!;
      if (buf[p + 20] !== 0) return undefined; // interlaced
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    p += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colour];
  if (!channels || (depth !== 8 && depth !== 16) || width === 0 || height === 0) return undefined;
  if (colour === 3 && (!palette || depth !== 8)) return undefined;
  if (width * height > maxPixels) return undefined;
  const bpp = (channels * depth) / 8;
  const stride = width * bpp;
  const z = Buffer.concat(idat);
  let raw: Buffer;
  try {
    raw = inflateSync(z);
  } catch {
    // A wrong Adler-32 trailer (some encoders write one) does not stop browsers from drawing the image; it does
    // not stop the thumbnail either: the deflate stream itself is read without the zlib wrapper.
    raw = inflateRawSync(z.subarray(2, z.length - 4), { finishFlush: constants.Z_SYNC_FLUSH });
  }
  if (raw.length < height * (stride + 1)) return undefined;
  const cur = new Uint8Array(stride);
  const prev = new Uint8Array(stride);
  const rgb = new Uint8Array(width * height * 3);
  const step = depth / 8;
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      let pred = 0;
      if (f === 1) pred = a;
      else if (f === 2) pred = b;
      else if (f === 3) pred = (a + b) >> 1;
      else if (f === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = (line[i]! + pred) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = x * bpp;
      const s = (k: number): number => cur[o + k * step]!;
      let r: number;
      let g: number;
      let bl: number;
      let alpha = 255;
      if (colour === 0 || colour === 4) {
        r = g = bl = s(0);
        if (colour === 4) alpha = s(1);
      } else if (colour === 3) {
        const k = cur[o]!;
        [r, g, bl] = [palette![3 * k] ?? 0, palette![3 * k + 1] ?? 0, palette![3 * k + 2] ?? 0];
        if (trns && k < trns.length) alpha = trns[k]!;
      } else {
        [r, g, bl] = [s(0), s(1), s(2)];
        if (colour === 6) alpha = s(3);
      }
      const q = 3 * (y * width + x);
      const w = (255 - alpha) * 255;
      rgb[q] = Math.round((r * alpha + w) / 255);
      rgb[q + 1] = Math.round((g * alpha + w) / 255);
      rgb[q + 2] = Math.round((bl * alpha + w) / 255);
    }
    prev.set(cur);
  }
  return { width, height, rgb };
}
