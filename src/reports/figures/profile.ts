import type { ReconstructionFacts } from '../model.js';
import { n, polyline, scale, svg, text, ticks } from './svg.js';

/**
 * Altitude profile: the measured heights against time since the estimated launch, with the fitted profile's
 * burnout point, apogee height and flight time marked (the fitted curve itself is not stored with the run).
 */
export function profileFigure(rec: ReconstructionFacts): string {
  const W = 640;
  const H = 300;
  const [x0, x1, y0, y1] = [60, W - 20, H - 40, 34];
  const t0 = Date.parse(rec.launch.time);
  const pts = rec.observed
    .filter((o) => o.t !== null && o.altM !== null)
    .map((o) => [(Date.parse(o.t!) - t0) / 1000, o.altM! / 1000] as const);
  const p = rec.profile;
  const tMax = Math.max(p.flightTimeS, ...pts.map((q) => q[0]), 1);
  const hMax = Math.max(p.apogeeM / 1000, ...pts.map((q) => q[1]), 1) * 1.1;
  const sx = scale(0, tMax, x0, x1);
  const sy = scale(0, hMax, y0, y1);
  const body: string[] = [
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`,
    text(10, 18, 'Altitude profile: measured heights and the fitted profile figures', {
      size: 12,
      weight: 'bold',
    }),
    `<line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y0}" stroke="#222"/>`,
    `<line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y1}" stroke="#222"/>`,
  ];
  for (const t of ticks(0, tMax, 6)) {
    body.push(`<line x1="${n(sx(t))}" y1="${y0}" x2="${n(sx(t))}" y2="${y0 + 4}" stroke="#222"/>`);
    body.push(text(sx(t), y0 + 16, String(t), { size: 10, anchor: 'middle' }));
  }
  for (const h of ticks(0, hMax, 5)) {
    body.push(`<line x1="${x0 - 4}" y1="${n(sy(h))}" x2="${x1}" y2="${n(sy(h))}" stroke="#eee"/>`);
    body.push(text(x0 - 6, sy(h) + 3, String(h), { size: 10, anchor: 'end' }));
  }
  body.push(text((x0 + x1) / 2, H - 8, 'seconds after the estimated launch', { size: 10, anchor: 'middle' }));
  body.push(text(16, (y0 + y1) / 2, 'height (km)', { size: 10, anchor: 'middle', rotate: -90 }));
  const apogee = sy(p.apogeeM / 1000);
  body.push(
    `<line x1="${x0}" y1="${n(apogee)}" x2="${x1}" y2="${n(apogee)}" stroke="#c0392b" stroke-dasharray="5 4"/>`,
  );
  body.push(
    text(x1 - 4, apogee - 4, `fitted apogee ${(p.apogeeM / 1000).toFixed(1)} km`, {
      size: 10,
      anchor: 'end',
      fill: '#c0392b',
    }),
  );
  body.push(
    polyline(
      pts.map(([t, h]) => [sx(t), sy(h)] as const),
      'stroke="#1f77b4" stroke-width="1.5"',
    ),
  );
  for (const [t, h] of pts.length > 60 ? [] : pts)
    body.push(`<circle cx="${n(sx(t))}" cy="${n(sy(h))}" r="2" fill="#1f77b4"/>`);
  const bx = sx(p.burnoutTimeS);
  const by = sy(p.burnoutAltM / 1000);
  body.push(`<circle cx="${n(bx)}" cy="${n(by)}" r="4" fill="#e67e22"/>`);
  body.push(
    text(bx + 6, by + 12, `burnout ${p.burnoutTimeS.toFixed(1)} s, ${(p.burnoutAltM / 1000).toFixed(1)} km`, {
      size: 10,
      fill: '#e67e22',
    }),
  );
  const fx = sx(p.flightTimeS);
  body.push(
    `<line x1="${n(fx)}" y1="${y0}" x2="${n(fx)}" y2="${y1}" stroke="#8e44ad" stroke-dasharray="2 3"/>`,
  );
  body.push(
    text(fx - 4, y0 - 6, `flight ${p.flightTimeS.toFixed(0)} s`, {
      size: 10,
      anchor: 'end',
      fill: '#8e44ad',
    }),
  );
  if (pts.length === 0)
    body.push(
      text((x0 + x1) / 2, (y0 + y1) / 2, 'no located observations with a time', {
        size: 11,
        anchor: 'middle',
        fill: '#888',
      }),
    );
  return svg(
    W,
    H,
    'Altitude profile of the flight: measured heights against time, fitted apogee, burnout and flight time',
    body,
  );
}
