import { ellipsePolygon } from '../../reconstruction/index.js';
import { percent } from '../format.js';
import type { CaseIncident, CaseRate } from '../model.js';
import { geodesicLine, projection, scaleBar, type LonLat } from './map.js';
import { n, polygon, polyline, scale, svg, text, ticks } from './svg.js';

const OUTCOME_COLOURS: Record<string, string> = {
  impact: '#c0392b',
  airburst: '#d35400',
  deviated: '#8e44ad',
  intercepted: '#2471a3',
};
const colourOf = (outcome: string): string => OUTCOME_COLOURS[outcome] ?? '#555';

/**
 * The case map: every incident's recorded location (precision circle, coloured by outcome, labelled with its
 * ref), and for reconstructed incidents the launch estimate with its 95 % ellipse and the geodesic to the impact
 * estimate. Ellipses are drawn to scale (tens of metres on a map of hundreds of kilometres, they show as dots;
 * their sizes are in the incident table). Local equirectangular projection; vector only, no tiles.
 */
export function caseMapFigure(incidents: readonly CaseIncident[]): string {
  const W = 640;
  const H = 430;
  const pts: LonLat[] = [];
  for (const i of incidents) {
    if (i.incident.location) pts.push([i.incident.location.lon, i.incident.location.lat]);
    const r = i.reconstruction;
    if (r) {
      pts.push([r.launch.lon, r.launch.lat]);
      if (r.impact) pts.push([r.impact.lon, r.impact.lat]);
    }
  }
  const body: string[] = [
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`,
    text(10, 18, 'Map: incidents of the case, launch estimates with 95 % ellipses', {
      size: 12,
      weight: 'bold',
    }),
    `<rect x="10" y="30" width="${W - 20}" height="340" fill="#f4f7fb" stroke="#bbb"/>`,
  ];
  if (pts.length === 0) {
    body.push(text(W / 2, 200, 'no located incident', { size: 11, anchor: 'middle', fill: '#888' }));
    return svg(W, H, 'Case map (no located incident)', body);
  }
  const pr = projection(pts, 10, 30, W - 20, 340);
  for (const i of incidents) {
    const r = i.reconstruction;
    if (!r) continue;
    const launch: LonLat = [r.launch.lon, r.launch.lat];
    if (r.impact)
      body.push(
        polyline(
          geodesicLine(launch, [r.impact.lon, r.impact.lat]).map(pr.project),
          'stroke="#555" stroke-width="1.2" stroke-dasharray="5 3"',
        ),
      );
    const ring = ellipsePolygon(r.launch.lat, r.launch.lon, r.launch.ellipse95, 48).map(
      (c) => [c[0], c[1]] as LonLat,
    );
    body.push(polygon(ring.map(pr.project), 'fill="#c0392b" fill-opacity="0.3" stroke="#c0392b"'));
    const [x, y] = pr.project(launch);
    body.push(
      `<path d="M${n(x - 4)},${n(y + 4)}L${n(x)},${n(y - 5)}L${n(x + 4)},${n(y + 4)}Z" fill="#c0392b"/>`,
    );
    body.push(text(x + 6, y + 4, `${i.ref} launch`, { size: 10, fill: '#c0392b' }));
  }
  for (const i of incidents) {
    const loc = i.incident.location;
    if (!loc) continue;
    const [x, y] = pr.project([loc.lon, loc.lat]);
    const colour = colourOf(i.incident.outcome);
    const r = loc.precisionM ? Math.max(3, loc.precisionM / pr.metresPerUnit) : 3;
    body.push(
      `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${colour}" fill-opacity="0.12" stroke="${colour}" stroke-dasharray="3 2"/>`,
    );
    body.push(`<circle cx="${n(x)}" cy="${n(y)}" r="3" fill="${colour}"/>`);
    body.push(text(x + 5, y - 5, i.ref, { size: 10, fill: colour, weight: 'bold' }));
  }
  body.push(scaleBar(20, 360, pr.metresPerUnit, 200));
  const outcomes = [...new Set(incidents.map((i) => i.incident.outcome))].sort();
  outcomes.forEach((o, k) => {
    const x = 20 + k * 120;
    body.push(`<circle cx="${x}" cy="392" r="4" fill="${colourOf(o)}"/>`);
    body.push(text(x + 8, 396, o, { size: 10 }));
  });
  body.push(
    text(
      W - 10,
      420,
      'North up. Dots: recorded locations (dashed: precision circle); triangles and red areas: launch estimates (95 %); dashed lines: geodesic to the impact estimate.',
      { size: 8.5, anchor: 'end', fill: '#555' },
    ),
  );
  return svg(W, H, 'Map of the incidents of the case with their launch estimates', body);
}

/**
 * Failure rates with their 95 % intervals, one row per group: a point and an error bar, never a bare
 * percentage. Groups without a known outcome are listed with "no known outcome".
 */
export function ratesFigure(rows: readonly CaseRate[], total: CaseRate): string {
  const all = [...rows, total];
  const W = 640;
  const rowH = 24;
  const top = 36;
  const H = top + all.length * rowH + 40;
  const [x0, x1] = [250, W - 30];
  const sx = scale(0, 1, x0, x1);
  const body: string[] = [
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`,
    text(10, 18, 'Failure rate in flight (airburst or deviated) with 95 % Wilson intervals', {
      size: 12,
      weight: 'bold',
    }),
  ];
  const yAxis = top + all.length * rowH + 4;
  body.push(`<line x1="${x0}" y1="${yAxis}" x2="${x1}" y2="${yAxis}" stroke="#222"/>`);
  for (const t of ticks(0, 1, 5)) {
    body.push(`<line x1="${n(sx(t))}" y1="${top - 6}" x2="${n(sx(t))}" y2="${yAxis}" stroke="#e3e3e3"/>`);
    body.push(text(sx(t), yAxis + 14, percent(t, 0), { size: 10, anchor: 'middle' }));
  }
  all.forEach((r, k) => {
    const y = top + k * rowH + rowH / 2;
    const isTotal = k === all.length - 1;
    body.push(
      text(x0 - 8, y + 4, `${r.label} (${r.failures}/${r.knownOutcomes})`, {
        size: 10,
        anchor: 'end',
        ...(isTotal ? { weight: 'bold' } : {}),
      }),
    );
    if (r.failureRate === null || !r.failureCi95) {
      body.push(text(x0 + 4, y + 4, 'no known outcome', { size: 10, fill: '#888' }));
      return;
    }
    const [lo, hi] = r.failureCi95;
    body.push(
      `<line x1="${n(sx(lo))}" y1="${n(y)}" x2="${n(sx(hi))}" y2="${n(y)}" stroke="#333" stroke-width="1.5"/>`,
      `<line x1="${n(sx(lo))}" y1="${n(y - 5)}" x2="${n(sx(lo))}" y2="${n(y + 5)}" stroke="#333"/>`,
      `<line x1="${n(sx(hi))}" y1="${n(y - 5)}" x2="${n(sx(hi))}" y2="${n(y + 5)}" stroke="#333"/>`,
      `<circle cx="${n(sx(r.failureRate))}" cy="${n(y)}" r="4" fill="${isTotal ? '#c0392b' : '#1f77b4'}"/>`,
    );
  });
  body.push(
    text(W - 10, H - 6, 'Point: failures / known outcomes; bar: 95 % Wilson score interval.', {
      size: 9,
      anchor: 'end',
      fill: '#555',
    }),
  );
  return svg(W, H, 'Failure rates with 95 % intervals by target region', body);
}
