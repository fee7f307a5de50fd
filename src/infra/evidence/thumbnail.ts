import { readFile, stat } from 'node:fs/promises';
import { pngRgb } from './png.js';

/** 8-bit RGB pixels, row-major, 3 bytes a pixel. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
}

/** Longest side of a thumbnail, px. */
export const THUMB_SIZE = 256;
/** Larger originals get no thumbnail (decoding them in the server's one event loop would not be cheap). */
export const THUMB_MAX_BYTES = 40 * 1024 * 1024;
export const THUMB_MAX_PIXELS = 40_000_000;

interface JpegJs {
  decode(
    data: Uint8Array,
    opts: { useTArray: true; formatAsRGBA: boolean; maxResolutionInMP?: number; maxMemoryUsageInMB?: number },
  ): { width: number; height: number; data: Uint8Array };
  encode(img: { width: number; height: number; data: Uint8Array }, quality?: number): { data: Uint8Array };
}
interface Exifr {
  orientation(data: Uint8Array): Promise<number | undefined>;
}

async function optional<T>(name: string): Promise<T | undefined> {
  try {
    const m = (await import(name)) as { default?: T } & T;
    return m.default ?? m;
  } catch {
    return undefined;
  }
}

/** Area-average downscale so that the longest side is at most `size` (never upscales). */
export function downscale(img: RgbImage, size = THUMB_SIZE): RgbImage {
  const k = Math.max(img.width, img.height) / size;
  if (k <= 1) return img;
  const w = Math.max(1, Math.round(img.width / k));
  const h = Math.max(1, Math.round(img.height / k));
  const out = new Uint8Array(w * h * 3);
  const sx = img.width / w;
  const sy = img.height / h;
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = y0; yy < y1; yy++)
        for (let xx = x0; xx < x1; xx++) {
          const q = 3 * (yy * img.width + xx);
          r += img.rgb[q]!;
          g += img.rgb[q + 1]!;
          b += img.rgb[q + 2]!;
        }
      const n = (y1 - y0) * (x1 - x0);
      const o = 3 * (y * w + x);
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
    }
  }
  return { width: w, height: h, rgb: out };
}

/** Applies an EXIF orientation (1-8) so the thumbnail stands as the photographer saw it. */
export function orient(img: RgbImage, orientation: number | undefined): RgbImage {
  if (!orientation || orientation < 2 || orientation > 8) return img;
  const swap = orientation >= 5;
  const w = swap ? img.height : img.width;
  const h = swap ? img.width : img.height;
  const out = new Uint8Array(img.rgb.length);
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const X = img.width - 1 - x;
      const Y = img.height - 1 - y;
      // Destination of source pixel (x, y) for each orientation (EXIF 2.32, tag 0x0112).
      const [dx, dy] =
        orientation === 2
          ? [X, y]
          : orientation === 3
            ? [X, Y]
            : orientation === 4
              ? [x, Y]
              : orientation === 5
                ? [y, x]
                : orientation === 6
                  ? [Y, x]
                  : orientation === 7
                    ? [Y, X]
                    : [y, X];
      const s = 3 * (y * img.width + x);
      const d = 3 * (dy * w + dx);
      out[d] = img.rgb[s]!;
      out[d + 1] = img.rgb[s + 1]!;
      out[d + 2] = img.rgb[s + 2]!;
    }
  return { width: w, height: h, rgb: out };
}

/**
 * A JPEG thumbnail (longest side <= 256 px, quality 80) of a JPEG or PNG original, decoded from its pixels (never
 * from an embedded EXIF thumbnail, which an edited photo may keep from before the edit). Undefined when the file
 * is neither, is too large to scale cheaply, or cannot be decoded.
 */
export async function makeThumbnail(path: string): Promise<Uint8Array | undefined> {
  if ((await stat(path)).size > THUMB_MAX_BYTES) return undefined;
  const buf = await readFile(path);
  const jpeg = await optional<JpegJs>('jpeg-js');
  if (!jpeg) return undefined;
  let img: RgbImage | undefined;
  try {
    if (buf[0] === 0x89 && buf[1] === 0x50) img = pngRgb(buf, THUMB_MAX_PIXELS);
    else if (buf[0] === 0xff && buf[1] === 0xd8) {
      const d = jpeg.decode(buf, {
        useTArray: true,
        formatAsRGBA: false,
        maxResolutionInMP: THUMB_MAX_PIXELS / 1e6,
        maxMemoryUsageInMB: 512,
      });
      const exifr = await optional<Exifr>('exifr');
      const o = await exifr?.orientation(buf).catch(() => undefined);
      img = orient(downscale({ width: d.width, height: d.height, rgb: d.data }), o);
    }
  } catch {
    return undefined;
  }
  if (!img) return undefined;
  const small = downscale(img);
  const rgba = new Uint8Array(small.width * small.height * 4);
  for (let i = 0, j = 0; i < small.rgb.length; i += 3, j += 4) {
    rgba[j] = small.rgb[i]!;
    rgba[j + 1] = small.rgb[i + 1]!;
    rgba[j + 2] = small.rgb[i + 2]!;
    rgba[j + 3] = 255;
  }
  return jpeg.encode({ width: small.width, height: small.height, data: rgba }, 80).data;
}
