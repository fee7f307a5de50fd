import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { pngRgb } from '../../src/infra/evidence/png.js';
import { downscale, makeThumbnail, orient } from '../../src/infra/evidence/thumbnail.js';
import { tempDir } from '../helpers/cli.js';
import { pngOf } from './world.js';

/** issue-7 request 8: the server's thumbnails (PNG decoding, scaling, EXIF orientation). */
describe('issue-7: thumbnails', () => {
  it('decodes an RGB PNG to the pixels it was written with', () => {
    const img = pngRgb(pngOf(4, 3, 9))!;
    expect([img.width, img.height]).toEqual([4, 3]);
    // pixel (x=2, y=1): [(2*7+9), (1*5+9), 9]
    expect([...img.rgb.subarray(3 * (1 * 4 + 2), 3 * (1 * 4 + 2) + 3)]).toEqual([23, 14, 9]);
  });

  it('reads a PNG whose zlib checksum is wrong, as browsers do', () => {
    const good = pngOf(5, 5, 3);
    const bad = Buffer.from(good);
    // The Adler-32 is the last 4 bytes of the IDAT data (before its CRC and the 12-byte IEND chunk).
    const at = bad.length - 12 - 4 - 4;
    bad[at] = bad[at]! ^ 0xff;
    expect(pngRgb(bad)?.rgb).toEqual(pngRgb(good)?.rgb);
  });

  it('averages areas when scaling down and never scales up', () => {
    const img = {
      width: 4,
      height: 2,
      rgb: new Uint8Array(24).map((_, i) => (i % 6 < 3 ? 0 : 200)) /* columns 0 2 black, 1 3 at 200 */,
    };
    const small = downscale(img, 2);
    expect([small.width, small.height]).toEqual([2, 1]);
    expect([...small.rgb]).toEqual([100, 100, 100, 100, 100, 100]);
    expect(downscale(img, 256)).toBe(img);
  });

  it('applies EXIF orientations: 6 turns a landscape image upright (90° clockwise)', () => {
    // 2 x 1: left red, right blue. Turned 90° clockwise it is 1 x 2: red on top.
    const img = { width: 2, height: 1, rgb: new Uint8Array([255, 0, 0, 0, 0, 255]) };
    const o6 = orient(img, 6);
    expect([o6.width, o6.height, ...o6.rgb]).toEqual([1, 2, 255, 0, 0, 0, 0, 255]);
    const o8 = orient(img, 8);
    expect([o8.width, o8.height, ...o8.rgb]).toEqual([1, 2, 0, 0, 255, 255, 0, 0]);
    expect([...orient(img, 2).rgb]).toEqual([0, 0, 255, 255, 0, 0]);
    expect(orient(img, 1)).toBe(img);
  });

  it('makes a 256 px JPEG of a PNG; nothing of a text file', async () => {
    const { dir, cleanup } = tempDir('salvo-thumb-');
    try {
      writeFileSync(join(dir, 'a.png'), pngOf(1000, 500, 1));
      const t = jpeg.decode(Buffer.from((await makeThumbnail(join(dir, 'a.png')))!), { useTArray: true });
      expect([t.width, t.height]).toEqual([256, 128]);
      writeFileSync(join(dir, 'a.txt'), 'not an image');
      expect(await makeThumbnail(join(dir, 'a.txt'))).toBeUndefined();
    } finally {
      cleanup();
    }
  });
});
