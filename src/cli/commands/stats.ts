import type { Command } from 'commander';
import { isCalendarDate, salvoError, SalvoFailure } from '../../kernel/index.js';
import { statsQueries } from '../../infra/registry/stats-queries.js';
import type { GroupBy, StatsFilter } from '../../registry/ports.js';
import {
  cnsStats,
  computeStats,
  type IncidentStatsGroup,
  type ReportStatsGroup,
  type StatsReport,
} from '../../registry/services/stats.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { z } from 'zod';
import { readJsonFile } from '../../infra/files/read-json.js';
import { missingDataFailureRate, type MissingDataSummary } from '../../statistics/missing-data.js';
import { csvField } from '../../infra/files/atomic-write.js';

const GROUPS: readonly GroupBy[] = ['month', 'model', 'launch_region', 'target_region'];

interface StatsCliOptions extends GlobalOptions {
  from?: string;
  to?: string;
  model?: string;
  by?: string;
  missingData?: boolean;
  launches?: string;
  trend?: boolean;
  cns?: boolean;
  origin?: string;
  counts?: string;
  format?: string;
}

const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
const ci = (c: readonly [number, number] | null): string => (c ? `[${pct(c[0])}, ${pct(c[1])}]` : '');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
}

export function formatStats(s: StatsReport): string {
  const out: string[] = [];
  const trendText = (g: ReportStatsGroup): string =>
    !g.trend
      ? ''
      : g.trend.oddsRatioPerMonth === null
        ? `— (${g.trend.note ?? ''})`
        : `×${g.trend.oddsRatioPerMonth.toFixed(2)}/month [${g.trend.ci95?.[0].toFixed(2)}, ${g.trend.ci95?.[1].toFixed(2)}] p=${g.trend.pValue?.toPrecision(2)}`;
  const rep = (g: ReportStatsGroup): string[] => [
    g.label ?? g.key,
    String(g.launched),
    String(g.destroyed),
    String(g.launchedWithKnownDestroyed),
    pct(g.interceptionRate),
    ci(g.ci95),
    ...(s.reports.groups.some((x) => x.trend) ? [trendText(g)] : []),
  ];
  out.push(
    'Air Force reports: launched, destroyed, interception rate (destroyed / launched where destroyed is known), 95 % Wilson interval',
  );
  out.push(
    table([
      ['group', 'launched', 'destroyed', 'of known', 'rate', '95 % CI'],
      ...s.reports.groups.map(rep),
      rep(s.reports.total),
    ]),
  );
  const inc = (g: IncidentStatsGroup): string[] => [
    g.key,
    String(g.count),
    `${g.failures}/${g.knownOutcomes}`,
    pct(g.failureRate),
    ci(g.ci95),
    `${g.debrisRecovered}/${g.debrisKnown}`,
    String(g.killed),
    String(g.injured),
  ];
  out.push('');
  out.push('Incidents: in-flight failures (airburst + deviated) over known outcomes, 95 % Wilson interval');
  out.push(
    table([
      ['group', 'incidents', 'failures', 'rate', '95 % CI', 'debris', 'killed', 'injured'],
      ...s.incidents.groups.map(inc),
      inc(s.incidents.total),
    ]),
  );
  const md = [...s.incidents.groups, s.incidents.total].filter((g) => g.missingData);
  if (md.length > 0) {
    out.push('');
    out.push('Missing data: the failure rate under three assumptions (95 % intervals)');
    out.push(
      table([
        [
          'group',
          'launches',
          'unknown',
          'naive',
          'bounds (worst/best case)',
          'bayes (outcome-dependent recovery)',
        ],
        ...md.map((g) => {
          const m = g.missingData!;
          return [
            g.key,
            String(m.counts.launches),
            String(m.counts.unknown),
            `${pct(m.naive.rate)} ${ci(m.naive.ci95)}`,
            `[${pct(m.bounds[0])}, ${pct(m.bounds[1])}]`,
            `${pct(m.bayes.rate)} ${ci(m.bayes.ci95)}${m.bayes.recoveryIdentifiedByData ? '' : ' (priors only!)'}`,
          ];
        }),
      ]),
    );
    const m = md[md.length - 1]!.missingData!;
    out.push(`naive assumes: ${m.naive.assumption}`);
    out.push(`bounds assume: ${m.boundsAssumption}`);
    out.push(`bayes assumes: ${m.bayes.assumption}`);
  }
  out.push('');
  for (const n of s.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

function formatMissingData(rows: [string, MissingDataSummary][]): string {
  const out = ['Missing data: the failure rate under three assumptions (95 % intervals)'];
  out.push(
    table([
      [
        'group',
        'launches',
        'unknown',
        'naive',
        'bounds (worst/best case)',
        'bayes (outcome-dependent recovery)',
      ],
      ...rows.map(([key, m]) => [
        key,
        String(m.counts.launches),
        String(m.counts.unknown),
        `${pct(m.naive.rate)} ${ci(m.naive.ci95)}`,
        `[${pct(m.bounds[0])}, ${pct(m.bounds[1])}] (with sampling ${ci(m.boundsCi95)})`,
        `${pct(m.bayes.rate)} ${ci(m.bayes.ci95)}${m.bayes.recoveryIdentifiedByData ? '' : ' (priors only!)'}`,
      ]),
    ]),
  );
  const m = rows[rows.length - 1]![1];
  out.push(`naive assumes: ${m.naive.assumption}`);
  out.push(`bounds assume: ${m.boundsAssumption}`);
  out.push(`bayes assumes: ${m.bayes.assumption}`);
  return out.join('\n');
}

const countSchema = z.number().int().nonnegative();
const countsSchema = z
  .object({
    launches: countSchema,
    failures: z.object({ withDebris: countSchema, withoutDebris: countSchema }).strict(),
    successes: z.object({ withDebris: countSchema, withoutDebris: countSchema }).strict(),
    source: z.string().optional(),
  })
  .strict();

/** Missing-data estimates from published aggregate counts (e.g. ~50 launched, 21 examined). */
function missingDataFromCounts(json: unknown, file: string): MissingDataSummary {
  const r = countsSchema.safeParse(json);
  if (!r.success)
    throw new SalvoFailure(
      salvoError(
        'INVALID_INPUT',
        `${file} is not a counts file`,
        r.error.issues.map((i) => ({ file, field: i.path.join('.') || '(root)', reason: i.message })),
      ),
    );
  const c = r.data;
  const known =
    c.failures.withDebris + c.failures.withoutDebris + c.successes.withDebris + c.successes.withoutDebris;
  if (known > c.launches)
    throw new SalvoFailure(
      salvoError(
        'INVALID_INPUT',
        `${file}: the known outcomes (${known}) exceed the launches (${c.launches})`,
        [{ file, field: 'launches', reason: `less than the ${known} known outcomes` }],
      ),
    );
  return missingDataFailureRate(c);
}

/** One CSV table: reports groups, then incidents groups, each with its totals row; missing-data columns last. */
export function statsCsv(s: StatsReport): string {
  const f = (x: number | null | undefined): string => (x === null || x === undefined ? '' : String(x));
  const header = [
    'table',
    'key',
    'label',
    'launched',
    'destroyed',
    'launched_with_known_destroyed',
    'interception_rate',
    'count',
    'failures',
    'known_outcomes',
    'failure_rate',
    'ci95_lo',
    'ci95_hi',
    'debris_recovered',
    'killed',
    'injured',
    'md_launches',
    'md_naive_rate',
    'md_bounds_lo',
    'md_bounds_hi',
    'md_bayes_rate',
    'md_bayes_lo',
    'md_bayes_hi',
  ];
  const rows = [header.join(',')];
  for (const g of [...s.reports.groups, s.reports.total])
    rows.push(
      [
        'reports',
        g.key,
        g.label ?? '',
        f(g.launched),
        f(g.destroyed),
        f(g.launchedWithKnownDestroyed),
        f(g.interceptionRate),
        '',
        '',
        '',
        '',
        f(g.ci95?.[0]),
        f(g.ci95?.[1]),
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ]
        .map(csvField)
        .join(','),
    );
  for (const g of [...s.incidents.groups, s.incidents.total]) {
    const m = g.missingData;
    rows.push(
      [
        'incidents',
        g.key,
        '',
        '',
        '',
        '',
        '',
        f(g.count),
        f(g.failures),
        f(g.knownOutcomes),
        f(g.failureRate),
        f(g.ci95?.[0]),
        f(g.ci95?.[1]),
        f(g.debrisRecovered),
        f(g.killed),
        f(g.injured),
        f(m?.counts.launches),
        f(m?.naive.rate),
        f(m?.bounds[0]),
        f(m?.bounds[1]),
        f(m?.bayes.rate),
        f(m?.bayes.ci95[0]),
        f(m?.bayes.ci95[1]),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return rows.join('\n');
}

function dayStart(text: string, flag: string, plusDays = 0): string {
  if (!isCalendarDate(text))
    throw new SalvoFailure(
      salvoError('INVALID_INPUT', `${flag} '${text}' is not a date (YYYY-MM-DD, UTC)`, [
        { field: flag, reason: 'not YYYY-MM-DD' },
      ]),
    );
  const d = new Date(`${text}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString();
}

export function registerStats(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('stats')
    .description('interception rates (Air Force reports) and failure rates (incidents) with 95 % intervals')
    .option('--from <date>', 'first day (YYYY-MM-DD, UTC), inclusive')
    .option('--to <date>', 'last day (YYYY-MM-DD, UTC), inclusive')
    .option(
      '--model <label>',
      "one model, by label or id (e.g. 'Iskander-M', 'KN-23'); pairs match only themselves",
    )
    .option('--by <group>', `group by: ${GROUPS.join(' | ')}`)
    .option('--missing-data', 'failure rates under three assumptions about launches of unknown outcome')
    .option(
      '--launches <n>',
      'total launches known from elsewhere (for --missing-data; default: the incidents)',
    )
    .option('--format <table|json|csv>', 'output format (--json is --format json)', 'table')
    .option('--trend', 'with --by model: the monthly logistic trend of each interception rate')
    .option('--cns', 'DPRK test success rates from the CNS database instead (--by missile | year)')
    .option('--origin <json|xlsx>', 'with --cns: which imported copy of the CNS database', 'json')
    .option(
      '--counts <file.json>',
      'missing-data estimates from published counts: {launches, failures: {withDebris, withoutDebris}, successes: {...}}',
    )
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<StatsCliOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          const format = opts.json ? 'json' : (opts.format ?? 'table');
          if (!['table', 'json', 'csv'].includes(format))
            throw new SalvoFailure(
              salvoError('INVALID_INPUT', `--format '${format}' is not table, json or csv`, [
                { field: '--format', reason: 'unknown format' },
              ]),
            );
          const launches = opts.launches === undefined ? undefined : Number(opts.launches);
          if (launches !== undefined && !(Number.isInteger(launches) && launches >= 0))
            throw new SalvoFailure(
              salvoError('INVALID_INPUT', `--launches '${opts.launches}' is not a whole number`, [
                { field: '--launches', reason: 'not a whole number' },
              ]),
            );
          if (opts.counts) {
            const md = missingDataFromCounts(await readJsonFile(opts.counts), opts.counts);
            if (format === 'json') printJson(io, { missingData: md });
            else io.out(formatMissingData([['counts', md]]));
            return EXIT.OK;
          }
          if (opts.cns) {
            const by = opts.by ?? 'missile';
            if (by !== 'missile' && by !== 'year')
              throw new SalvoFailure(
                salvoError('INVALID_INPUT', `with --cns, --by is missile or year, not '${by}'`, [
                  { field: '--by', reason: 'unknown grouping' },
                ]),
              );
            if (opts.origin !== 'json' && opts.origin !== 'xlsx')
              throw new SalvoFailure(
                salvoError('INVALID_INPUT', `--origin '${opts.origin ?? ''}' is not json or xlsx`, [
                  { field: '--origin', reason: 'unknown origin' },
                ]),
              );
            const origin = opts.origin;
            const r = await withStore(opts, (store) => cnsStats(statsQueries(store.db), by, origin));
            if (format === 'json') printJson(io, r);
            else {
              io.out(
                `DPRK missile tests (CNS database, ${origin} copy): success rate over tests of known outcome, 95 % Wilson interval`,
              );
              const line = (g: (typeof r.groups)[number]): string[] => [
                g.label,
                String(g.tests),
                `${g.successes}/${g.successes + g.failures}`,
                pct(g.successRate),
                ci(g.ci95),
                String(g.unknown),
              ];
              io.out(
                table([
                  ['group', 'tests', 'successes', 'rate', '95 % CI', 'unknown'],
                  ...r.groups.map(line),
                  line(r.total),
                ]),
              );
              for (const n of r.notes) io.out(`note: ${n}`);
            }
            return EXIT.OK;
          }
          if (opts.trend && opts.by !== 'model')
            throw new SalvoFailure(
              salvoError('INVALID_INPUT', '--trend needs --by model', [
                { field: '--trend', reason: 'needs --by model' },
              ]),
            );
          if (opts.by !== undefined && !(GROUPS as readonly string[]).includes(opts.by))
            throw new SalvoFailure(
              salvoError('INVALID_INPUT', `--by '${opts.by}' is not one of ${GROUPS.join(', ')}`, [
                { field: '--by', reason: 'unknown grouping' },
              ]),
            );
          const report = await withStore(opts, async (store) => {
            const q = statsQueries(store.db);
            let modelId: string | undefined;
            if (opts.model) {
              modelId = await q.resolveModel(opts.model);
              if (!modelId)
                throw new SalvoFailure(
                  salvoError('NOT_FOUND', `--model '${opts.model}' is not a model or alias in the store`, [
                    { field: '--model', reason: 'unknown model' },
                  ]),
                );
            }
            const filter: StatsFilter = {
              ...(opts.from ? { fromUtc: dayStart(opts.from, '--from') } : {}),
              ...(opts.to ? { toUtc: dayStart(opts.to, '--to', 1) } : {}),
              ...(modelId ? { modelId } : {}),
            };
            return computeStats(q, filter, opts.by as GroupBy | undefined, {
              missingData: Boolean(opts.missingData),
              trend: Boolean(opts.trend),
              ...(launches !== undefined ? { launches } : {}),
            });
          });
          if (format === 'json') printJson(io, report);
          else if (format === 'csv') io.out(statsCsv(report));
          else io.out(formatStats(report));
          return EXIT.OK;
        }),
      );
    });
}
