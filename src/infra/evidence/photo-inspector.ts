import { readFile } from 'node:fs/promises';
import type { GreyImage, PhotoInspector } from '../../evidence/ports.js';
import { pngGrey } from './png.js';

/** Loads an optional package if it is installed; undefined otherwise (no hard dependency). */
async function optional<T>(name: string): Promise<T | undefined> {
  try {
    return (await import(name)) as T;
  } catch {
    return undefined;
  }
}

interface Exifr {
  parse(
    input: Buffer | string,
    options?: Record<string, unknown>,
  ): Promise<Record<string, unknown> | undefined>;
}
interface JpegJs {
  decode(
    data: Buffer,
    opts: { useTArray: boolean; formatAsRGBA: boolean; maxMemoryUsageInMB?: number },
  ): {
    width: number;
    height: number;
    data: Uint8Array;
  };
}

/** JSON-safe copy of what exifr returns (Dates to ISO text, typed arrays and buffers dropped). */
function jsonSafe(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (ArrayBuffer.isView(v)) return undefined;
  if (Array.isArray(v)) return v.map(jsonSafe).filter((x) => x !== undefined);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const s = jsonSafe(x);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  return undefined;
}

/**
 * EXIF/XMP with exifr and pixels with jpeg-js, each used only when installed (the lead installs them; see
 * docs/evidence.md). PNG pixels are decoded here with node:zlib, so the perceptual hash works without them.
 */
export function photoInspector(): PhotoInspector {
  return {
    async metadata(path) {
      const exifr = await optional<{ default?: Exifr } & Exifr>('exifr');
      const lib = exifr?.default ?? exifr;
      if (!lib?.parse) return undefined;
      const meta = await lib.parse(path, {
        tiff: true,
        exif: true,
        gps: true,
        xmp: true,
        iptc: true,
        icc: false,
      });
      return meta ? (jsonSafe(meta) as Record<string, unknown>) : undefined;
    },
    async greyPixels(path): Promise<GreyImage | undefined> {
      const buf = await readFile(path);
      if (buf[0] === 0x89 && buf[1] === 0x50) return pngGrey(buf);
      if (buf[0] === 0xff && buf[1] === 0xd8) {
        const jpeg = await optional<{ default?: JpegJs } & JpegJs>('jpeg-js');
        const lib = jpeg?.default ?? jpeg;
        if (!lib?.decode) return undefined;
        const img = lib.decode(buf, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
        const pixels = new Uint8Array(img.width * img.height);
        for (let i = 0; i < pixels.length; i++)
          pixels[i] = Math.round(
            0.299 * img.data[4 * i]! + 0.587 * img.data[4 * i + 1]! + 0.114 * img.data[4 * i + 2]!,
          );
        return { width: img.width, height: img.height, pixels };
      }
      return undefined;
    },
  };
}
