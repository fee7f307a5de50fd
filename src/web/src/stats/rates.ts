import type { StatsReport } from '../../../contract/index.js';

type ReportGroup = StatsReport['reports']['total'];
type IncidentGroup = StatsReport['incidents']['total'];

/**
 * One rate as the statistics page draws it: never a bare share. `ci95` is the server's 95 % interval (Wilson);
 * `bounds` are the missing-data bounds (Manski worst/best case: every unknown outcome counted one way, then the
 * other). When the server sends its own missing-data summary (request 7) its bounds are used; otherwise they are
 * the arithmetic below, on the same counts the server reports.
 */
export interface Rate {
  readonly key: string;
  readonly label: string;
  /** Successes of the rate (failures / destroyed) and its denominator (known outcomes). */
  readonly k: number;
  readonly n: number;
  /** All launches in the group, known outcome or not. */
  readonly total: number;
  readonly rate: number | null;
  readonly ci95: readonly [number, number] | null;
  readonly bounds: readonly [number, number] | null;
  readonly boundsFrom: 'server' | 'counts';
}

interface MissingDataLike {
  readonly bounds?: readonly [number, number];
}

export function failureRate(
  g: Omit<IncidentGroup, 'missingData'> & { missingData?: MissingDataLike },
  label = g.key,
): Rate {
  const unknown = g.count - g.knownOutcomes;
  const server = g.missingData?.bounds;
  return {
    key: g.key,
    label,
    k: g.failures,
    n: g.knownOutcomes,
    total: g.count,
    rate: g.failureRate,
    ci95: g.ci95,
    bounds: server ?? (g.count > 0 ? [g.failures / g.count, (g.failures + unknown) / g.count] : null),
    boundsFrom: server ? 'server' : 'counts',
  };
}

export function interceptionRate(g: ReportGroup, label = g.label ?? g.key): Rate {
  const k = Math.min(g.destroyed, g.launchedWithKnownDestroyed);
  const unknown = Math.max(0, g.launched - g.launchedWithKnownDestroyed);
  return {
    key: g.key,
    label,
    k,
    n: g.launchedWithKnownDestroyed,
    total: g.launched,
    rate: g.interceptionRate,
    ci95: g.ci95,
    bounds: g.launched > 0 ? [k / g.launched, Math.min(1, (k + unknown) / g.launched)] : null,
    boundsFrom: 'counts',
  };
}
