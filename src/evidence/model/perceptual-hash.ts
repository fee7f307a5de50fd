/**
 * Difference hash (dHash, N. Krawetz 2013): shrink to 9 x 8 grey cells by area averaging, then one bit per
 * horizontally adjacent pair (left brighter than right). Robust to scaling, re-encoding and small brightness
 * changes; two photos of the same fragment from the same angle differ in few of the 64 bits. Near-duplicate
 * search ranks by Hamming distance (<= 10 of 64 is "probably the same picture").
 */
export interface GreyPixels {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

export function differenceHash(img: GreyPixels): string {
  const cols = 9;
  const rows = 8;
  const cells = new Float64Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const y0 = Math.floor((r * img.height) / rows);
    const y1 = Math.max(y0 + 1, Math.floor(((r + 1) * img.height) / rows));
    for (let c = 0; c < cols; c++) {
      const x0 = Math.floor((c * img.width) / cols);
      const x1 = Math.max(x0 + 1, Math.floor(((c + 1) * img.width) / cols));
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y1 && y < img.height; y++)
        for (let x = x0; x < x1 && x < img.width; x++) {
          sum += img.pixels[y * img.width + x]!;
          n++;
        }
      cells[r * cols + c] = n ? sum / n : 0;
    }
  }
  let hex = '';
  for (let r = 0; r < rows; r++) {
    let byte = 0;
    for (let c = 0; c < 8; c++)
      byte = (byte << 1) | (cells[r * cols + c]! > cells[r * cols + c + 1]! ? 1 : 0);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/** Bits that differ between two 64-bit hashes given as 16 hex digits. */
export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 2) {
    let x = parseInt(a.slice(i, i + 2), 16) ^ parseInt(b.slice(i, i + 2), 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}
