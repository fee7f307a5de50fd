import type { Command } from 'commander';
import { isCalendarDate, salvoError, SalvoFailure } from '../../kernel/index.js';
import { statsQueries } from '../../infra/registry/stats-queries.js';
import type { GroupBy, StatsFilter } from '../../registry/ports.js';
import {
  computeStats,
  type IncidentStatsGroup,
  type ReportStatsGroup,
  type StatsReport,
} from '../../registry/services/stats.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';

const GROUPS: readonly GroupBy[] = ['month', 'model', 'launch_region', 'target_region'];

interface StatsCliOptions extends GlobalOptions {
  from?: string;
  to?: string;
  model?: string;
  by?: string;
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
  const rep = (g: ReportStatsGroup): string[] => [
    g.label ?? g.key,
    String(g.launched),
    String(g.destroyed),
    String(g.launchedWithKnownDestroyed),
    pct(g.interceptionRate),
    ci(g.ci95),
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
  out.push('');
  for (const n of s.notes) out.push(`note: ${n}`);
  return out.join('\n');
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
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<StatsCliOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
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
            return computeStats(q, filter, opts.by as GroupBy | undefined);
          });
          if (opts.json) printJson(io, report);
          else io.out(formatStats(report));
          return EXIT.OK;
        }),
      );
    });
}
