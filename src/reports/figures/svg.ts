import { escapeXml } from '../format.js';

/** Small helpers for hand-built, self-contained SVG figures (no DOM, no fonts to fetch). */

export const FONT = 'font-family="Helvetica, Arial, sans-serif"';

/** A number with at most `d` decimals and no trailing zeros (keeps the SVG small and deterministic). */
export const n = (x: number, d = 1): string => {
  const s = x.toFixed(d);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};

export function text(
  x: number,
  y: number,
  s: string,
  opts: {
    size?: number;
    anchor?: 'start' | 'middle' | 'end';
    fill?: string;
    weight?: string;
    rotate?: number;
  } = {},
): string {
  const rot = opts.rotate ? ` transform="rotate(${opts.rotate} ${n(x)} ${n(y)})"` : '';
  return `<text x="${n(x)}" y="${n(y)}" font-size="${opts.size ?? 11}" text-anchor="${opts.anchor ?? 'start'}" fill="${opts.fill ?? '#222'}"${opts.weight ? ` font-weight="${opts.weight}"` : ''}${rot}>${escapeXml(s)}</text>`;
}

export function svg(width: number, height: number, title: string, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" ${FONT}><title>${escapeXml(title)}</title>${body.join('')}</svg>`;
}

/** "Nice" tick values covering [lo, hi] (1, 2, 5 x 10^k steps), about `count` of them. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Math.round(v / step) * step);
  return out;
}

/** A linear scale from [d0, d1] to [r0, r1]. */
export const scale =
  (d0: number, d1: number, r0: number, r1: number) =>
  (v: number): number =>
    d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);

export const polyline = (pts: readonly (readonly [number, number])[], style: string): string =>
  pts.length < 2
    ? ''
    : `<polyline points="${pts.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" ${style}/>`;

export const polygon = (pts: readonly (readonly [number, number])[], style: string): string =>
  `<polygon points="${pts.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" ${style}/>`;
