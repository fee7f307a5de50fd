import { wilsonInterval } from '../../statistics/intervals.js';
import { missingDataFailureRate, type MissingDataSummary } from '../../statistics/missing-data.js';
import { logisticTrend } from '../../statistics/trend.js';
import type {
  CnsAggregate,
  GroupBy,
  IncidentAggregate,
  ModelMonthAggregate,
  ReportAggregate,
  StatsFilter,
  StatsQueries,
} from '../ports.js';

export interface ReportStatsGroup {
  readonly key: string;
  readonly label?: string;
  readonly rows: number;
  readonly launched: number;
  readonly destroyed: number;
  readonly launchedWithKnownDestroyed: number;
  /** destroyed / launchedWithKnownDestroyed; null when nothing is known. */
  readonly interceptionRate: number | null;
  readonly ci95: readonly [number, number] | null;
  /** With `--trend` and `--by model`: the monthly logistic trend of the interception rate. */
  readonly trend?: InterceptionTrend;
}

export interface InterceptionTrend {
  readonly months: number;
  /** Multiplicative change of the odds of interception per month, with its 95 % interval; null if not estimable. */
  readonly oddsRatioPerMonth: number | null;
  readonly ci95: readonly [number, number] | null;
  readonly pValue: number | null;
  readonly dispersion: number | null;
  readonly model: string;
  readonly note?: string;
}

export interface IncidentStatsGroup {
  readonly key: string;
  readonly count: number;
  readonly failures: number;
  readonly knownOutcomes: number;
  /** (airburst + deviated) / known outcomes; null when no outcome is known. */
  readonly failureRate: number | null;
  readonly ci95: readonly [number, number] | null;
  readonly intercepted: number;
  readonly debrisRecovered: number;
  readonly debrisKnown: number;
  readonly killed: number;
  readonly injured: number;
  /** With `--missing-data`: the failure rate under three assumptions about the launches of unknown outcome. */
  readonly missingData?: MissingDataSummary;
}

export interface StatsReport {
  readonly filter: StatsFilter;
  readonly by: GroupBy | null;
  readonly reports: { readonly groups: ReportStatsGroup[]; readonly total: ReportStatsGroup };
  readonly incidents: { readonly groups: IncidentStatsGroup[]; readonly total: IncidentStatsGroup };
  readonly notes: string[];
}

const rate = (k: number, n: number): { rate: number | null; ci95: readonly [number, number] | null } => {
  if (n <= 0) return { rate: null, ci95: null };
  const w = wilsonInterval(k, n, 0.95);
  return { rate: k / n, ci95: [w.lo, w.hi] };
};

export function reportGroup(a: ReportAggregate): ReportStatsGroup {
  // A source's destroyed can exceed launched only through bad data, which the importer rejects; clamp anyway.
  const k = Math.min(a.destroyed, a.launchedWithKnownDestroyed);
  const r = rate(k, a.launchedWithKnownDestroyed);
  return { ...a, interceptionRate: r.rate, ci95: r.ci95 };
}

/**
 * The missing-data cells of a group: known failures and known non-failures (impact, intercepted), each split
 * by debris recovered or not (unknown debris counts as not recovered), and the launches of unknown outcome.
 * `launches` may exceed the incidents (e.g. ~50 launched, 21 examined): the excess are unknown outcomes.
 */
export function missingDataOf(a: IncidentAggregate, launches = a.count): MissingDataSummary {
  const successes = a.knownOutcomes - a.failures;
  return missingDataFailureRate({
    launches: Math.max(launches, a.count),
    failures: { withDebris: a.failuresWithDebris, withoutDebris: a.failures - a.failuresWithDebris },
    successes: { withDebris: a.successesWithDebris, withoutDebris: successes - a.successesWithDebris },
  });
}

export function incidentGroup(a: IncidentAggregate, missing?: { launches?: number }): IncidentStatsGroup {
  const r = rate(a.failures, a.knownOutcomes);
  return {
    key: a.key,
    count: a.count,
    failures: a.failures,
    knownOutcomes: a.knownOutcomes,
    failureRate: r.rate,
    ci95: r.ci95,
    intercepted: a.intercepted,
    debrisRecovered: a.debrisRecovered,
    debrisKnown: a.debrisKnown,
    killed: a.killed,
    injured: a.injured,
    ...(missing ? { missingData: missingDataOf(a, missing.launches) } : {}),
  };
}

const sumReports = (xs: readonly ReportAggregate[]): ReportAggregate =>
  xs.reduce(
    (t, a) => ({
      key: 'total',
      rows: t.rows + a.rows,
      launched: t.launched + a.launched,
      destroyed: t.destroyed + a.destroyed,
      launchedWithKnownDestroyed: t.launchedWithKnownDestroyed + a.launchedWithKnownDestroyed,
    }),
    { key: 'total', rows: 0, launched: 0, destroyed: 0, launchedWithKnownDestroyed: 0 },
  );

const sumIncidents = (xs: readonly IncidentAggregate[]): IncidentAggregate =>
  xs.reduce(
    (t, a) => ({
      key: 'total',
      count: t.count + a.count,
      failures: t.failures + a.failures,
      knownOutcomes: t.knownOutcomes + a.knownOutcomes,
      intercepted: t.intercepted + a.intercepted,
      debrisRecovered: t.debrisRecovered + a.debrisRecovered,
      debrisKnown: t.debrisKnown + a.debrisKnown,
      failuresWithDebris: t.failuresWithDebris + a.failuresWithDebris,
      successesWithDebris: t.successesWithDebris + a.successesWithDebris,
      killed: t.killed + a.killed,
      injured: t.injured + a.injured,
    }),
    {
      key: 'total',
      count: 0,
      failures: 0,
      knownOutcomes: 0,
      intercepted: 0,
      debrisRecovered: 0,
      debrisKnown: 0,
      failuresWithDebris: 0,
      successesWithDebris: 0,
      killed: 0,
      injured: 0,
    },
  );

/**
 * Monthly logistic trend of one model's interception rate (statistics/trend.ts: binomial IRLS with
 * quasi-binomial standard errors). Months with no known destroyed figure carry no weight; fewer than two
 * informative months, or separation (every launch intercepted or none), give no estimate, with the reason.
 */
export function interceptionTrend(
  rows: readonly ModelMonthAggregate[],
  firstMonth: string,
): InterceptionTrend {
  const monthIndex = (m: string): number => {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    const [y0, m0] = firstMonth.split('-').map(Number) as [number, number];
    return (y - y0) * 12 + (mo - m0);
  };
  const periods = rows
    .filter((r) => r.launchedWithKnownDestroyed > 0)
    .map((r) => ({
      period: r.month,
      t: monthIndex(r.month),
      successes: Math.min(r.destroyed, r.launchedWithKnownDestroyed),
      trials: r.launchedWithKnownDestroyed,
    }));
  const none = (note: string): InterceptionTrend => ({
    months: periods.length,
    oddsRatioPerMonth: null,
    ci95: null,
    pValue: null,
    dispersion: null,
    model: 'logit(rate) = α + β·month, binomial IRLS, quasi-binomial SE',
    note,
  });
  if (periods.length < 2) return none('fewer than two months with a known destroyed figure');
  const fit = logisticTrend(periods);
  if (!fit.converged) return none('not estimable: every launch intercepted or none (separation)');
  return {
    months: periods.length,
    oddsRatioPerMonth: fit.oddsRatioPerUnit,
    ci95: fit.oddsRatioCi95,
    pValue: fit.pValue,
    dispersion: fit.dispersion,
    model: fit.model,
  };
}

export interface CnsStatsGroup extends CnsAggregate {
  /** successes / (successes + failures); tests of unknown outcome are left out. */
  readonly successRate: number | null;
  readonly ci95: readonly [number, number] | null;
}

/** DPRK test success rates per type (or year) from the CNS database, with 95 % Wilson intervals. */
export async function cnsStats(
  q: StatsQueries,
  by: 'missile' | 'year',
  origin: 'json' | 'xlsx',
): Promise<{ by: string; origin: string; groups: CnsStatsGroup[]; total: CnsStatsGroup; notes: string[] }> {
  const rows = await q.cnsAggregates(by, origin);
  const group = (a: CnsAggregate): CnsStatsGroup => {
    const r = rate(a.successes, a.successes + a.failures);
    return { ...a, successRate: r.rate, ci95: r.ci95 };
  };
  const total = rows.reduce(
    (t, a) => ({
      ...t,
      tests: t.tests + a.tests,
      successes: t.successes + a.successes,
      failures: t.failures + a.failures,
      unknown: t.unknown + a.unknown,
    }),
    { key: 'total', label: 'total', tests: 0, successes: 0, failures: 0, unknown: 0 },
  );
  return {
    by,
    origin,
    groups: rows.map(group),
    total: group(total),
    notes: [
      'Source: CNS North Korea Missile Test Database (James Martin CNS for NTI); outcomes as CNS records them.',
      'successRate = successes / (successes + failures), tests of unknown outcome left out; 95 % Wilson interval.',
    ],
  };
}

export interface StatsOptions {
  /** With `by: 'model'`: a monthly interception trend per model. */
  readonly trend?: boolean;
  /** Add the missing-data estimates to every incidents group and the total. */
  readonly missingData?: boolean;
  /** Launches known from elsewhere (e.g. ~50 for the 2023-24 campaign), for the total's missing-data cells. */
  readonly launches?: number;
}

/**
 * Interception rates from the Air Force reports and failure rates from incidents, each with a 95 % Wilson
 * score interval. Totals are computed without grouping (a report with two launch regions counts once in the
 * total but in both region groups).
 */
export async function computeStats(
  q: StatsQueries,
  filter: StatsFilter,
  by: GroupBy | undefined,
  options: StatsOptions = {},
): Promise<StatsReport> {
  const [rGroups, rTotal, iGroups, iTotal, monthly] = await Promise.all([
    by ? q.reportAggregates(filter, by) : Promise.resolve([]),
    q.reportAggregates(filter, undefined),
    by ? q.incidentAggregates(filter, by) : Promise.resolve([]),
    q.incidentAggregates(filter, undefined),
    options.trend && by === 'model' ? q.reportAggregatesByModelMonth(filter) : Promise.resolve([]),
  ]);
  const firstMonth = monthly.reduce((m, r) => (r.month < m ? r.month : m), '9999-99');
  const trendOf = (key: string): InterceptionTrend =>
    interceptionTrend(
      monthly.filter((r) => r.key === key),
      firstMonth,
    );
  const notes: string[] = [
    'interceptionRate = destroyed / launched over report rows whose destroyed figure is known; ci95 is the 95 % Wilson score interval.',
    'failureRate = (airburst + deviated) / incidents with a known outcome; ci95 is the 95 % Wilson score interval.',
    "Combined labels such as 'Iskander-M/KN-23' are their own groups: never counted as either type alone.",
  ];
  if (options.missingData)
    notes.push(
      'missingData: naive = failures over known outcomes; bounds = worst/best case for the unknown outcomes (Manski); bayes = outcome-dependent debris recovery (see its assumption). Unknown debris counts as not recovered.',
    );
  if (by === 'launch_region' || by === 'target_region')
    notes.push(
      'A report naming several regions counts in each of their groups; groups do not add up to the total.',
    );
  return {
    filter,
    by: by ?? null,
    reports: {
      groups: rGroups.map((g) =>
        options.trend && by === 'model' ? { ...reportGroup(g), trend: trendOf(g.key) } : reportGroup(g),
      ),
      total: reportGroup({ ...sumReports(rTotal), key: 'total' }),
    },
    incidents: {
      groups: iGroups.map((g) => incidentGroup(g, options.missingData ? {} : undefined)),
      total: incidentGroup(
        { ...sumIncidents(iTotal), key: 'total' },
        options.missingData ? { launches: options.launches } : undefined,
      ),
    },
    notes,
  };
}
