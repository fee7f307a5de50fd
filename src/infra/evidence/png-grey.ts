import { inflateSync } from 'node:zlib';
import type { GreyImage } from '../../evidence/ports.js';

/**
 * A small PNG decoder to 8-bit grey (ITU-R BT.601 luma), for the perceptual hash: non-interlaced, bit depth 8
 * or 16, colour types 0, 2, 3, 4 and 6. Returns undefined for anything else (Adam7, bit depths < 8).
 */
export function decodePngGrey(buf: Uint8Array): GreyImage | undefined {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 33 || sig.some((b, i) => buf[i] !== b)) return undefined;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let width = 0;
  let height = 0;
  let depth = 0;
  let colour = 0;
  let palette: Uint8Array | undefined;
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
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    p += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colour];
  if (!channels || (depth !== 8 && depth !== 16) || width === 0 || height === 0) return undefined;
  if (colour === 3 && (!palette || depth !== 8)) return undefined;
  if (width * height > 100_000_000) return undefined;
  const bpp = (channels * depth) / 8;
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < height * (stride + 1)) return undefined;
  const cur = new Uint8Array(stride);
  const prev = new Uint8Array(stride);
  const pixels = new Uint8Array(width * height);
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
    const step = depth / 8;
    for (let x = 0; x < width; x++) {
      const o = x * bpp;
      const s = (k: number): number => cur[o + k * step]!;
      let g: number;
      if (colour === 0 || colour === 4) g = s(0);
      else if (colour === 3) {
        const i = cur[o]! * 3;
        g = 0.299 * palette![i]! + 0.587 * palette![i + 1]! + 0.114 * palette![i + 2]!;
      } else g = 0.299 * s(0) + 0.587 * s(1) + 0.114 * s(2);
      pixels[y * width + x] = Math.round(g);
    }
    prev.set(cur);
  }
  return { width, height, pixels };
}
