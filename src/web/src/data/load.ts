import { api } from '../client/endpoints.js';
import { pointSetOf, type PointSet } from './points.js';

export interface Loaded {
  readonly points: PointSet;
  /** `bulk` = GET /api/incidents/points (`paged`, page by page, is no longer needed: the server has it). */
  readonly via: 'bulk' | 'paged';
}

/** Every incident the caller may read, in one columnar request (up to 250,000; `truncated` beyond). */
export async function loadPoints(onProgress?: (n: number) => void): Promise<Loaded> {
  const bulk = await api.points({});
  onProgress?.(bulk.count);
  return { points: pointSetOf(bulk), via: 'bulk' };
}
