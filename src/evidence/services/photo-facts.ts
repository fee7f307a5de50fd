import { differenceHash } from '../model/perceptual-hash.js';
import type { PhotoFacts } from '../model/item.js';
import type { PhotoInspector } from '../ports.js';

/** EXIF/XMP metadata and a perceptual hash, whichever the inspector can provide. Never fails the add. */
export async function photoFacts(inspector: PhotoInspector | undefined, path: string): Promise<PhotoFacts> {
  if (!inspector) return {};
  const [metadata, grey] = await Promise.all([
    inspector.metadata(path).catch(() => undefined),
    inspector.greyPixels(path).catch(() => undefined),
  ]);
  return {
    ...(metadata ? { metadata } : {}),
    ...(grey ? { perceptualHash: differenceHash(grey) } : {}),
  };
}
