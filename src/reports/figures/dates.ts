import type { ComponentsFacts } from '../model.js';
import { n, scale, svg, text } from './svg.js';

/**
 * Component date histogram: components by the year their date code places their earliest production, with
 * the earliest possible assembly date marked. Components without a readable code are counted in the caption.
 */
export function datesFigure(c: ComponentsFacts): string {
  const dated = c.components.filter((x) => x.dateCode !== null);
  const years = dated.map((x) => Number(x.dateCode!.from.slice(0, 4)));
  const W = 640;
  const H = 240;
  const body: string[] = [
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`,
    text(10, 18, 'Components by year of earliest production (date codes)', { size: 12, weight: 'bold' }),
  ];
  if (years.length === 0) {
    body.push(text(W / 2, H / 2, 'no readable date codes', { size: 11, anchor: 'middle', fill: '#888' }));
    return svg(W, H, 'Component date histogram (no readable date codes)', body);
  }
  const y0 = Math.min(...years);
  const y1 = Math.max(...years);
  const counts = new Map<number, number>();
  for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
  const maxCount = Math.max(...counts.values());
  const [bx0, bx1, by0, by1] = [50, W - 20, H - 40, 40];
  const slots = y1 - y0 + 1;
  const slot = (bx1 - bx0) / slots;
  const sy = scale(0, maxCount, by0, by1);
  body.push(`<line x1="${bx0}" y1="${by0}" x2="${bx1}" y2="${by0}" stroke="#222"/>`);
  for (let y = y0; y <= y1; y++) {
    const x = bx0 + (y - y0) * slot;
    const k = counts.get(y) ?? 0;
    if (k > 0) {
      body.push(
        `<rect x="${n(x + slot * 0.1)}" y="${n(sy(k))}" width="${n(slot * 0.8)}" height="${n(by0 - sy(k))}" fill="#1f77b4"/>`,
      );
      body.push(text(x + slot / 2, sy(k) - 4, String(k), { size: 10, anchor: 'middle' }));
    }
    if (slots <= 20 || (y - y0) % Math.ceil(slots / 20) === 0)
      body.push(text(x + slot / 2, by0 + 14, String(y), { size: 10, anchor: 'middle' }));
  }
  if (c.assembly) {
    const ay = Number(c.assembly.notBefore.slice(0, 4));
    const dayOfYear = (Date.parse(c.assembly.notBefore) - Date.UTC(ay, 0, 1)) / (365.25 * 86_400_000);
    const x = bx0 + (ay - y0 + dayOfYear) * slot;
    body.push(
      `<line x1="${n(x)}" y1="${by1 - 10}" x2="${n(x)}" y2="${by0}" stroke="#c0392b" stroke-width="2" stroke-dasharray="5 3"/>`,
    );
    body.push(
      text(Math.min(x + 4, bx1 - 150), by1 - 14, `not assembled before ${c.assembly.notBefore}`, {
        size: 10,
        fill: '#c0392b',
      }),
    );
  }
  body.push(
    text(W / 2, H - 6, `${dated.length} of ${c.components.length} components with a readable date code`, {
      size: 10,
      anchor: 'middle',
    }),
  );
  return svg(W, H, 'Histogram of component production years with the earliest possible assembly date', body);
}
