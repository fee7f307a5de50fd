import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/infra/db/database.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** The real public datasets (../shared/data): present in CI and in development, never on a user's machine. */
const DATA = new URL('../../../shared/data/', import.meta.url).pathname;
const AIRFORCE = join(DATA, 'ua_airforce_missile_attacks_daily.csv');
const CNS_JSON = join(DATA, 'cns_nk_missile_tests_nagix_2026-04.json');
const CNS_XLSX = join(DATA, 'cns_nk_missile_test_database_2021-03.xlsx');

interface Stats {
  reports: {
    groups: { key: string; launched: number; destroyed: number }[];
    total: { launched: number; destroyed: number; launchedWithKnownDestroyed: number };
  };
}

describe.skipIf(!existsSync(AIRFORCE))('real data: Ukrainian Air Force daily CSV', () => {
  const t = tempDir();
  const db = join(t.dir, 'real.db');
  // Independent figures: csv-parse (not Salvo's tokenizer) and plain arithmetic.
  // Read in beforeAll, not in the describe body: vitest runs a skipped suite's body to collect its tests.
  let rows: Record<string, string>[] = [];
  const n = (s: string | undefined): number => (s ? Number(s) : 0);
  beforeAll(async () => {
    rows = parse(readFileSync(AIRFORCE), { columns: true }) as Record<string, string>[];
    const r = await runCli(['--db', db, 'import', 'airforce', AIRFORCE, '--json']);
    expect(r.code, r.err).toBe(0);
  }, 120_000);
  afterAll(() => t.cleanup());

  it('imports every row, and totals equal the column sums', async () => {
    const s = (await runCli(['--db', db, 'stats', '--by', 'model', '--json'])).json<Stats>();
    expect(rows.length).toBe(3770);
    expect(s.reports.total.launched).toBe(rows.reduce((a, r) => a + n(r.launched), 0));
    expect(s.reports.total.destroyed).toBe(rows.reduce((a, r) => a + n(r.destroyed), 0));
    expect(s.reports.total.launchedWithKnownDestroyed).toBe(
      rows.filter((r) => r.destroyed !== '').reduce((a, r) => a + n(r.launched), 0),
    );
    // Per single-model label, the stored sums equal the published sums.
    const store = await openStore(db);
    const stored = store
      .sqlite!.prepare(
        "SELECT model_label AS label, sum(launched) AS l, sum(destroyed) AS d FROM attack_reports WHERE attribution = 'single' GROUP BY model_label",
      )
      .all() as { label: string; l: number; d: number | null }[];
    const stored2 = store
      .sqlite!.prepare('SELECT count(DISTINCT source_line) AS n FROM attack_reports')
      .get() as { n: number };
    await store.close();
    expect(stored2.n).toBe(3770);
    for (const g of stored) {
      const mine = rows.filter((r) => r.model === g.label);
      expect(g.l ?? 0, g.label).toBe(mine.reduce((a, r) => a + n(r.launched), 0));
      expect(g.d ?? 0, g.label).toBe(mine.reduce((a, r) => a + n(r.destroyed), 0));
    }
  });

  it('keeps the DOMAIN.md facts: the 2024-01-02 row, and "Iskander-M/KN-23" first on 2024-02-15', async () => {
    const store = await openStore(db);
    const jan2 = store
      .sqlite!.prepare(
        "SELECT * FROM attack_reports WHERE time_start_raw LIKE '2024-01-02%' AND model_label = 'C-300/C-400 and Iskander-M'",
      )
      .get() as Record<string, unknown>;
    const first = store
      .sqlite!.prepare(
        "SELECT min(time_start_raw) AS d FROM attack_reports WHERE model_id = 'iskander-m-or-kn-23'",
      )
      .get() as { d: string };
    await store.close();
    expect(jan2).toMatchObject({ attribution: 'combined', launched: 12, destroyed: 0 });
    expect(first.d.slice(0, 10)).toBe('2024-02-15');
  });

  it('gives the Dec 2023 - Feb 2024 figures for the ballistic labels, each on its own', async () => {
    const s = (
      await runCli([
        '--db',
        db,
        'stats',
        '--from',
        '2023-12-25',
        '--to',
        '2024-02-29',
        '--by',
        'model',
        '--json',
      ])
    ).json<Stats>();
    const inWindow = rows.filter(
      (r) =>
        (r.time_start ?? '').slice(0, 10) >= '2023-12-25' &&
        (r.time_start ?? '').slice(0, 10) <= '2024-02-29',
    );
    // The window is in UTC; Kyiv dates at midnight start two hours earlier, so compare on rows away from the edges.
    const iskander = inWindow.filter((r) => r.model === 'Iskander-M');
    const g = s.reports.groups.find((x) => x.key === 'iskander-m');
    expect(g?.launched).toBe(iskander.reduce((a, r) => a + n(r.launched), 0));
  });
});

describe.skipIf(!existsSync(CNS_JSON))('real data: the CNS North Korea missile test database', () => {
  const t = tempDir();
  const db = join(t.dir, 'cns.db');
  afterAll(() => t.cleanup());

  it('imports the JSON (339 tests) and the 2021 spreadsheet (156 tests) and keeps their disagreement', async () => {
    const j = await runCli(['--db', db, 'import', 'cns', CNS_JSON, '--json']);
    expect(j.code, j.err).toBe(0);
    expect(j.json()).toMatchObject({ rowsRead: 339, recordsWritten: 339, rowsRejected: 0 });
    const x = await runCli(['--db', db, 'import', 'cns', CNS_XLSX, '--json']);
    expect(x.code, x.err).toBe(0);
    expect(x.json()).toMatchObject({ rowsRead: 156, recordsWritten: 156 });
    const store = await openStore(db);
    const jul = store
      .sqlite!.prepare(
        "SELECT origin, distance_km AS d FROM cns_tests WHERE date_utc = '2019-07-24' AND missile_key IN ('hwasong-11a', 'kn-23') ORDER BY origin, distance_km",
      )
      .all();
    await store.close();
    expect(jul).toEqual([
      { origin: 'json', d: 600 },
      { origin: 'json', d: 600 },
      { origin: 'xlsx', d: 430 },
      { origin: 'xlsx', d: 690 },
    ]);
  });
});
