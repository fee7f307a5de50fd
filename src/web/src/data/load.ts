import type { Incident } from '../../../contract/index.js';
import { api } from '../client/endpoints.js';
import { pending } from '../client/pending.js';
import { fromIncidents, pointSetOf, type PointSet } from './points.js';

/** Largest number of incidents fetched page by page while the bulk endpoint is missing (500 per page). */
const FALLBACK_CAP = 20_000;

export interface Loaded {
  readonly points: PointSet;
  /** `bulk` = GET /api/incidents/points; `paged` = the fallback over GET /api/incidents. */
  readonly via: 'bulk' | 'paged';
}

export async function loadPoints(onProgress?: (n: number) => void): Promise<Loaded> {
  const bulk = await pending.points({});
  if (bulk) return { points: pointSetOf(bulk), via: 'bulk' };
  const items: Incident[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.incidents({ limit: 500, cursor, sort: 'occurred_at' });
    items.push(...page.items);
    onProgress?.(items.length);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < FALLBACK_CAP);
  return { points: fromIncidents(items, cursor !== undefined), via: 'paged' };
}
