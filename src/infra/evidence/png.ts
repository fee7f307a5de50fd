import { PNG } from 'pngjs';

/** 8-bit RGBA pixels, row-major. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/**
 * Decodes a PNG with pngjs (every colour type, bit depth and interlacing; 16-bit samples scaled to 8).
 * Returns undefined for a file that is not a decodable PNG or has more than `maxPixels` pixels (checked on the
 * header before any pixel is inflated).
 */
export function decodePng(buf: Uint8Array, maxPixels = 50_000_000): RgbaImage | undefined {
  if (buf.length < 24 || buf[0] !== 0x89 || buf[1] !== 0x50 || buf[2] !== 0x4e || buf[3] !== 0x47)
    return undefined;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (dv.getUint32(16) * dv.getUint32(20) > maxPixels) return undefined;
  try {
    const png = PNG.sync.read(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), { checkCRC: false });
    return {
      width: png.width,
      height: png.height,
      rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length),
    };
  } catch {
    return undefined;
  }
}

/** 8-bit grey (ITU-R BT.601 luma of the colour, alpha ignored), for the perceptual hash. */
export function pngGrey(buf: Uint8Array): { width: number; height: number; pixels: Uint8Array } | undefined {
  const img = decodePng(buf);
  if (!img) return undefined;
  const pixels = new Uint8Array(img.width * img.height);
  const d = img.rgba;
  for (let i = 0; i < pixels.length; i++)
    pixels[i] = Math.round(0.299 * d[4 * i]! + 0.587 * d[4 * i + 1]! + 0.114 * d[4 * i + 2]!);
  return { width: img.width, height: img.height, pixels };
}

/** 8-bit RGB with alpha composited over white, for thumbnails. */
export function pngRgb(
  buf: Uint8Array,
  maxPixels?: number,
): { width: number; height: number; rgb: Uint8Array } | undefined {
  const img = decodePng(buf, maxPixels);
  if (!img) return undefined;
  const n = img.width * img.height;
  const rgb = new Uint8Array(3 * n);
  const d = img.rgba;
  for (let i = 0; i < n; i++) {
    const alpha = d[4 * i + 3]!;
    const w = (255 - alpha) * 255;
    for (let c = 0; c < 3; c++) rgb[3 * i + c] = Math.round((d[4 * i + c]! * alpha + w) / 255);
  }
  return { width: img.width, height: img.height, rgb };
}
