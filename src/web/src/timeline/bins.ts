import type { PointSet, TimeWindow } from '../data/points.js';

const H = 3_600_000;
const D = 24 * H;
const STEPS = [H, 3 * H, 6 * H, 12 * H, D, 2 * D, 7 * D, 14 * D, 30 * D];

/** A bin width that gives at most ~`target` bins over `span` ms. */
export function binWidth(span: number, target = 150): number {
  for (const s of STEPS) if (span / s <= target) return s;
  return STEPS[STEPS.length - 1]!;
}

export interface Bin {
  readonly x1: number;
  readonly x2: number;
  /** Category index (outcome or type, -1 = not identified). */
  readonly cat: number;
  readonly count: number;
}

/**
 * Counts per bin and category over the whole set (not just the window: the timeline shows everything, the brush
 * shows the selection). O(n) with typed arrays; 100,000 incidents take a few milliseconds.
 */
export function binPoints(
  ps: PointSet,
  by: 'outcome' | 'type',
): { bins: Bin[]; width: number; extent: TimeWindow } {
  if (ps.n === 0) return { bins: [], width: D, extent: { from: 0, to: D } };
  const width = binWidth(ps.t[ps.n - 1]! - ps.t[0]! + 1);
  const from = Math.floor(ps.t[0]! / width) * width;
  const nb = Math.floor((ps.t[ps.n - 1]! - from) / width) + 1;
  const cats = by === 'outcome' ? 5 : ps.types.length + 1;
  const counts = new Uint32Array(nb * cats);
  for (let i = 0; i < ps.n; i++) {
    const b = Math.floor((ps.t[i]! - from) / width);
    const c = by === 'outcome' ? ps.outcome[i]! : ps.type[i]! + 1;
    counts[b * cats + c]!++;
  }
  const bins: Bin[] = [];
  for (let b = 0; b < nb; b++)
    for (let c = 0; c < cats; c++) {
      const count = counts[b * cats + c]!;
      if (count > 0)
        bins.push({
          x1: from + b * width,
          x2: from + (b + 1) * width,
          cat: by === 'outcome' ? c : c - 1,
          count,
        });
    }
  return { bins, width, extent: { from, to: from + nb * width } };
}

/** Nights with strikes: a night of D is [D 12:00 UTC, D+1 12:00 UTC), so an overnight attack is one night. */
export interface Night {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Time of the night's first and last strike (playback starts a little before the first). */
  readonly first: number;
  readonly last: number;
}

export function nightsOf(ps: PointSet): Night[] {
  const out: Night[] = [];
  for (let i = 0; i < ps.n; i++) {
    const from = Math.floor((ps.t[i]! - 12 * H) / D) * D + 12 * H;
    const last = out[out.length - 1];
    if (last && last.from === from) {
      const m = last as { count: number; last: number };
      m.count++;
      m.last = ps.t[i]!;
    } else out.push({ from, to: from + D, count: 1, first: ps.t[i]!, last: ps.t[i]! });
  }
  return out;
}
