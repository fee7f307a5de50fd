import { ecefToGeodetic, enuFrame, pointAt } from '../geodesy/index.js';
import { toIso } from '../kernel/index.js';
import { parseTrackCsv } from '../reconstruction/index.js';
import type { ObservedPoint } from './model.js';

const RAD = Math.PI / 180;
/** Six decimals of a degree: 0.1 m, far below any figure's uncertainty. */
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The located observations of a stored TRACK.csv: radar plots at their measured 3-D positions, fixes, impact
 * and breakup points. Sightings (angles only) and launch regions are not positions and are left out. This
 * places measurements on the map; it fits nothing. At most `max` points, evenly thinned in file order.
 */
export function observedTrack(trackCsv: string, max = 400): ObservedPoint[] {
  const parsed = parseTrackCsv(trackCsv, 'stored track');
  if (!parsed.ok) return [];
  const out: ObservedPoint[] = [];
  for (const o of parsed.value.observations) {
    if (o.kind === 'radar') {
      const g = ecefToGeodetic(
        pointAt(enuFrame(o.site), {
          azRad: (o.azDeg * RAD) as never,
          elRad: (o.elDeg * RAD) as never,
          rangeM: o.rangeM as never,
        }),
      );
      out.push({
        kind: 'radar',
        t: toIso(o.t),
        lat: r6(g.latDeg),
        lon: r6(g.lonDeg),
        altM: Math.round(g.altM),
      });
    } else if (o.kind === 'fix' || o.kind === 'impact' || o.kind === 'breakup')
      out.push({
        kind: o.kind,
        t: o.t === undefined ? null : toIso(o.t),
        lat: r6(o.latDeg),
        lon: r6(o.lonDeg),
        altM: Math.round(o.altM),
      });
  }
  if (out.length <= max) return out;
  const step = out.length / max;
  const thinned: ObservedPoint[] = [];
  for (let i = 0; i < max; i++) thinned.push(out[Math.floor(i * step)]!);
  const last = out[out.length - 1]!;
  if (thinned[thinned.length - 1] !== last) thinned[thinned.length - 1] = last;
  return thinned;
}
