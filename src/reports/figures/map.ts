import { geodesicDirect, geodesicInverse } from '../../geodesy/index.js';
import { ellipsePolygon } from '../../reconstruction/index.js';
import type { IncidentFacts, PointFacts, ReconstructionFacts } from '../model.js';
import { n, polygon, polyline, svg, text } from './svg.js';

export type LonLat = readonly [number, number];

/** A local equirectangular projection (x east scaled by cos(lat0)) fitted into a box: fine at oblast scale. */
export function projection(
  points: readonly LonLat[],
  x0: number,
  y0: number,
  w: number,
  h: number,
  padFrac = 0.08,
) {
  const lat0 = points.reduce((s, p) => s + p[1], 0) / points.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = points.map((p) => p[0] * k);
  const ys = points.map((p) => p[1]);
  let [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY, 1e-5);
  const pad = span * padFrac;
  minX -= pad;
  maxX += pad;
  minY -= pad;
  maxY += pad;
  const s = Math.min(w / (maxX - minX), h / (maxY - minY));
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const project = (p: LonLat): [number, number] => [
    x0 + w / 2 + (p[0] * k - cx) * s,
    y0 + h / 2 - (p[1] - cy) * s,
  ];
  /** Metres per SVG unit (1 degree of latitude ~ 111.2 km). */
  const metresPerUnit = 111_195 / s;
  return { project, metresPerUnit };
}

export function scaleBar(x: number, y: number, metresPerUnit: number, maxWidth: number): string {
  const target = metresPerUnit * maxWidth * 0.6;
  const mag = 10 ** Math.floor(Math.log10(target));
  const len = [5, 2, 1].map((m) => m * mag).find((v) => v <= target) ?? mag;
  const w = len / metresPerUnit;
  const label = len >= 1000 ? `${len / 1000} km` : `${len} m`;
  return `<g><line x1="${n(x)}" y1="${n(y)}" x2="${n(x + w)}" y2="${n(y)}" stroke="#222" stroke-width="2"/>${text(x, y - 4, label, { size: 10 })}</g>`;
}

/** The geodesic from a to b as `steps + 1` points (a ground track between two estimates). */
export function geodesicLine(a: LonLat, b: LonLat, steps = 32): LonLat[] {
  const inv = geodesicInverse(a[1], a[0], b[1], b[0]);
  const out: LonLat[] = [];
  for (let i = 0; i <= steps; i++) {
    const d = geodesicDirect(a[1], a[0], inv.azimuth1Deg, (inv.distanceM * i) / steps);
    out.push([d.lonDeg, d.latDeg]);
  }
  return out;
}

function inset(
  title: string,
  p: PointFacts,
  x0: number,
  y0: number,
  w: number,
  h: number,
  colour: string,
): string {
  const ring = ellipsePolygon(p.lat, p.lon, p.ellipse95, 72).map((c) => [c[0], c[1]] as LonLat);
  const pr = projection(ring, x0 + 8, y0 + 22, w - 16, h - 44, 0.25);
  const parts = [
    `<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="#fafafa" stroke="#999"/>`,
    text(x0 + 6, y0 + 14, title, { size: 11, weight: 'bold' }),
    polygon(
      ring.map(pr.project),
      `fill="${colour}" fill-opacity="0.25" stroke="${colour}" stroke-width="1.5"`,
    ),
  ];
  const [cx, cy] = pr.project([p.lon, p.lat]);
  parts.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="2.5" fill="${colour}"/>`);
  parts.push(scaleBar(x0 + 8, y0 + h - 8, pr.metresPerUnit, w - 16));
  return parts.join('');
}

/**
 * The map figure: observed track, the geodesic between the launch and impact (or breakup) estimates, the
 * launch and impact 95 % ellipses (with enlarged insets, since they are metres across on a map of hundreds of
 * kilometres), the incident's recorded location. Vector only; no tiles.
 */
export function mapFigure(rec: ReconstructionFacts, incident: IncidentFacts): string {
  const W = 640;
  const launch: LonLat = [rec.launch.lon, rec.launch.lat];
  const endPoint: LonLat | null = rec.impact
    ? [rec.impact.lon, rec.impact.lat]
    : rec.breakup.lat !== null && rec.breakup.lon !== null
      ? [rec.breakup.lon, rec.breakup.lat]
      : null;
  const track: LonLat[] = rec.observed.map((o) => [o.lon, o.lat]);
  const all: LonLat[] = [launch, ...(endPoint ? [endPoint] : []), ...track];
  if (incident.location) all.push([incident.location.lon, incident.location.lat]);
  const pr = projection(all, 10, 30, W - 20, 330);
  const body: string[] = [
    '',
    text(10, 18, 'Map: launch and impact estimates with 95 % ellipses, observed track', {
      size: 12,
      weight: 'bold',
    }),
    `<rect x="10" y="30" width="${W - 20}" height="330" fill="#f4f7fb" stroke="#bbb"/>`,
  ];
  if (endPoint)
    body.push(
      polyline(
        geodesicLine(launch, endPoint).map(pr.project),
        'stroke="#555" stroke-width="1.5" stroke-dasharray="6 4"',
      ),
    );
  body.push(polyline(track.map(pr.project), 'stroke="#1f77b4" stroke-width="2"'));
  for (const o of rec.observed.filter((x) => x.kind !== 'radar')) {
    const [x, y] = pr.project([o.lon, o.lat]);
    body.push(`<rect x="${n(x - 3)}" y="${n(y - 3)}" width="6" height="6" fill="#1f77b4"/>`);
  }
  const mark = (p: LonLat, colour: string, label: string): void => {
    const [x, y] = pr.project(p);
    body.push(`<circle cx="${n(x)}" cy="${n(y)}" r="4" fill="${colour}" stroke="#fff"/>`);
    body.push(text(x + 7, y - 6, label, { size: 11, fill: colour, weight: 'bold' }));
  };
  mark(launch, '#c0392b', 'launch');
  if (rec.impact && endPoint) mark(endPoint, '#8e44ad', 'impact');
  else if (endPoint) mark(endPoint, '#d35400', 'breakup');
  if (incident.location) {
    const [x, y] = pr.project([incident.location.lon, incident.location.lat]);
    const r = incident.location.precisionM ? Math.max(3, incident.location.precisionM / pr.metresPerUnit) : 3;
    body.push(
      `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="none" stroke="#27ae60" stroke-width="1.2" stroke-dasharray="3 2"/>`,
    );
    body.push(
      text(x - 6, y + 14, 'recorded location (precision circle)', {
        size: 10,
        fill: '#27ae60',
        anchor: 'end',
      }),
    );
  }
  body.push(scaleBar(20, 350, pr.metresPerUnit, 200));
  body.push(
    text(
      W - 10,
      374,
      'North up. Blue: measured track; dashed: geodesic between the estimates; green: recorded location.',
      { size: 9, anchor: 'end', fill: '#555' },
    ),
  );
  body.push(inset('Launch 95 % ellipse', rec.launch, 10, 386, 305, 230, '#c0392b'));
  if (rec.impact) body.push(inset('Impact 95 % ellipse', rec.impact, 325, 386, 305, 230, '#8e44ad'));
  const height = 626;
  body[0] = `<rect x="0" y="0" width="${W}" height="${height}" fill="#fff"/>`;
  return svg(
    W,
    height,
    'Map of the launch and impact estimates with their 95 % ellipses and the observed track',
    body,
  );
}
