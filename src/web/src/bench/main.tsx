import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Overview } from '../app/Overview.js';
import { pointSetOf, type PointSet } from '../data/points.js';
import '../styles.css';

/**
 * The benchmark page (bench/web-render.bench.ts; built only with SALVO_WEB_BENCH=1): the real overview (map,
 * legend, list, timeline, playback) over N synthetic incidents, no server. Reports on `window.__bench`:
 *  - `firstRenderMs`: the page is up (map idle with its basemap, no incident); N incidents are handed to the
 *    overview; until the map is idle again with all of them (timeline, list and legend re-rendered too);
 *  - `sinceNavigationMs`: the same end instant from navigation start (JS, basemap, map start-up included);
 *  - then, on `window.__benchPanZoom()`, frame times during an animated zoom-in, pan and zoom-out.
 * Synthetic, ILLUSTRATIVE data: a seeded generator over Ukraine; nothing real.
 */

declare global {
  interface Window {
    __bench?: Record<string, unknown>;
    __benchPanZoom?: () => Promise<Record<string, number>>;
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTCOMES = ['impact', 'airburst', 'deviated', 'intercepted', 'unknown'];
const TYPES = ['hwasong-11ga', 'iskander-m-9m723', 'kh-47m2-kinzhal', 'kh-101', null, null];
const PRECISION = [50, 500, 2_000, 10_000, 25_000, null];

export function synthetic(n: number, seed = 7): PointSet {
  const r = mulberry32(seed);
  const t0 = Date.parse('2023-12-01T00:00:00Z');
  const cols = {
    id: [] as string[],
    t: [] as number[],
    lon: [] as (number | null)[],
    lat: [] as (number | null)[],
    precisionM: [] as (number | null)[],
    outcome: [] as string[],
    type: [] as (string | null)[],
    launchLon: [] as (number | null)[],
    launchLat: [] as (number | null)[],
    targetRegion: [] as (string | null)[],
  };
  // Strikes cluster around cities, as they do.
  const cities = [
    [36.23, 49.99],
    [30.52, 50.45],
    [35.14, 47.84],
    [35.04, 48.46],
    [34.55, 49.59],
    [30.73, 46.48],
    [32.06, 49.44],
    [24.03, 49.84],
  ] as const;
  for (let i = 0; i < n; i++) {
    const c = cities[Math.floor(r() * cities.length)]!;
    const spread = r() < 0.7 ? 0.15 : 1.5;
    cols.id.push(`SYN-${String(i).padStart(6, '0')}`);
    cols.t.push(t0 + Math.floor(r() * 90 * 86_400_000));
    cols.lon.push(c[0] + (r() - 0.5) * 2 * spread);
    cols.lat.push(c[1] + (r() - 0.5) * spread);
    cols.precisionM.push(PRECISION[Math.floor(r() * PRECISION.length)]!);
    cols.outcome.push(OUTCOMES[Math.floor(r() * OUTCOMES.length)]!);
    cols.type.push(TYPES[Math.floor(r() * TYPES.length)]!);
    const known = r() < 0.03;
    cols.launchLon.push(known ? 36 + r() * 2 : null);
    cols.launchLat.push(known ? 50.5 + r() * 1.5 : null);
    cols.targetRegion.push('UA-63');
  }
  return pointSetOf(cols);
}

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 100_000);
const points = synthetic(n);
window.__bench = { n, generated: true };

const frameTimes = async (run: () => void, ms: number): Promise<number[]> => {
  const out: number[] = [];
  let last = performance.now();
  const end = last + ms;
  run();
  await new Promise<void>((done) => {
    const tick = (now: number) => {
      out.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else done();
    };
    requestAnimationFrame(tick);
  });
  return out;
};

const stats = (xs: number[]): Record<string, number> => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return {
    frames: s.length,
    meanMs: s.reduce((a, b) => a + b, 0) / s.length,
    p50Ms: q(0.5),
    p95Ms: q(0.95),
    maxMs: s[s.length - 1]!,
  };
};

window.__benchPanZoom = async () => {
  const map = window.__salvoMaps!.overview!;
  const all: number[] = [];
  all.push(...(await frameTimes(() => map.easeTo({ zoom: map.getZoom() + 2.5, duration: 2000 }), 2200)));
  all.push(...(await frameTimes(() => map.panBy([500, 250], { duration: 2000 }), 2200)));
  all.push(...(await frameTimes(() => map.easeTo({ zoom: map.getZoom() - 2.5, duration: 2000 }), 2200)));
  return stats(all);
};

const EMPTY = pointSetOf({ id: [], t: [], lon: [], lat: [], precisionM: [], outcome: [], type: [] });
let show: (p: PointSet) => void = () => undefined;

function Bench() {
  const [ps, setPs] = useState<PointSet>(EMPTY);
  show = setPs;
  return <Overview points={ps} via="bulk" admin={null} window={null} onWindow={() => undefined} />;
}

createRoot(document.getElementById('root')!).render(<Bench />);

const idleWith = (count: number) => {
  const el = document.querySelector('[data-map="overview"]');
  return el?.getAttribute('data-state') === 'idle' && el.getAttribute('data-points') === String(count);
};

// 1. The page with its map ready (basemap drawn, no incident); 2. the incidents handed over; 3. idle again.
let dataInHand = 0;
const waitReady = () => {
  if (!idleWith(0) || !window.__salvoMaps?.overview) {
    requestAnimationFrame(waitReady);
    return;
  }
  dataInHand = performance.now();
  show(points);
  requestAnimationFrame(waitDone);
};
const waitDone = () => {
  const map = window.__salvoMaps?.overview;
  if (!idleWith(n) || !map) {
    requestAnimationFrame(waitDone);
    return;
  }
  const now = performance.now();
  window.__bench = {
    n,
    firstRenderMs: now - dataInHand,
    sinceNavigationMs: now,
    readyAt: Math.round(dataInHand),
    marks: Object.fromEntries(
      performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]),
    ),
    clustersInView: map.queryRenderedFeatures({ layers: ['clusters'] }).length,
    pointsInView: map.queryRenderedFeatures({ layers: ['points'] }).length,
    done: true,
  };
};
requestAnimationFrame(waitReady);
