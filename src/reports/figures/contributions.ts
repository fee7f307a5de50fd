import type { IdentificationFacts } from '../model.js';
import { n, scale, svg, text, ticks } from './svg.js';

const LABELS: Readonly<Record<string, string>> = {
  bodyDiameterM: 'body diameter',
  lengthM: 'length',
  rangeKm: 'range',
  apogeeKm: 'apogee',
  flightTimeS: 'flight time',
  maxSpeedMps: 'maximum speed',
  burnoutTimeS: 'burnout time',
  markingScript: 'marking script',
  manoeuvre: 'manoeuvre',
  jetVaneActuators: 'jet-vane actuators',
  launchRegion: 'launch region',
  reconstruction: 'reconstruction fit',
};

/**
 * Identification contributions: for each feature, the natural-log likelihood ratio against "none of the
 * catalogue" of the two leading candidates, side by side (their difference is the feature's odds between them).
 */
export function contributionsFigure(id: IdentificationFacts): string {
  const cands = id.candidates.slice(0, 2);
  const features = [...new Set(cands.flatMap((c) => c.contributions.map((x) => x.feature)))];
  const W = 640;
  const row = 26;
  const top = 48;
  const H = top + features.length * row + 40;
  const values = cands.flatMap((c) => c.contributions.map((x) => x.logLR));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const [x0, x1] = [170, W - 30];
  const sx = scale(lo, hi === lo ? lo + 1 : hi, x0, x1);
  const colours = ['#1f77b4', '#e67e22'];
  const body: string[] = [
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`,
    text(10, 18, 'Identification: log-likelihood ratio of each feature against "none of the catalogue"', {
      size: 12,
      weight: 'bold',
    }),
  ];
  cands.forEach((c, k) => {
    body.push(`<rect x="${170 + k * 220}" y="28" width="10" height="10" fill="${colours[k]}"/>`);
    body.push(text(184 + k * 220, 37, c.name, { size: 10 }));
  });
  for (const t of ticks(lo, hi, 6)) {
    body.push(
      `<line x1="${n(sx(t))}" y1="${top - 4}" x2="${n(sx(t))}" y2="${H - 34}" stroke="${t === 0 ? '#222' : '#eee'}"/>`,
    );
    body.push(text(sx(t), H - 22, String(t), { size: 10, anchor: 'middle' }));
  }
  body.push(text((x0 + x1) / 2, H - 6, 'ln LR (positive supports the type)', { size: 10, anchor: 'middle' }));
  features.forEach((f, i) => {
    const y = top + i * row;
    body.push(text(x0 - 8, y + 15, LABELS[f] ?? f, { size: 10, anchor: 'end' }));
    cands.forEach((c, k) => {
      const v = c.contributions.find((x) => x.feature === f)?.logLR;
      if (v === undefined) return;
      const a = sx(Math.min(0, v));
      const b = sx(Math.max(0, v));
      body.push(
        `<rect x="${n(a)}" y="${n(y + 3 + k * 10)}" width="${n(Math.max(0.5, b - a))}" height="9" fill="${colours[k]}"/>`,
      );
    });
  });
  return svg(W, H, 'Identification contributions of each feature for the two leading candidates', body);
}
