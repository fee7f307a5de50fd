import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/infra/db/database.js';
import { mapCnsXlsxRow, CNS_XLSX_COLUMNS } from '../../src/registry/importers/cns.js';
import { runCli, tempDir } from '../helpers/cli.js';

const DIR = new URL('../fixtures/cns/', import.meta.url).pathname;
let t: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  t = tempDir();
  db = join(t.dir, 's.db');
});
afterEach(() => t.cleanup());

describe('salvo import cns (JSON layout)', () => {
  it('imports tests with their companion names and facilities; unknowns stay unknown', async () => {
    const r = await runCli(['--db', db, 'import', 'cns', join(DIR, 'tests.json'), '--json']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.json()).toMatchObject({ rowsRead: 2, recordsWritten: 2 });
    const store = await openStore(db);
    const rows = store.sqlite!.prepare('SELECT * FROM cns_tests ORDER BY source_row').all() as Record<
      string,
      unknown
    >[];
    await store.close();
    expect(rows[0]).toMatchObject({
      date_utc: '2019-07-24',
      time_utc: '20:34',
      missile_key: 'hwasong-11a',
      missile_name: 'Hwasong-11A (KN-23)',
      missile_class: 'SRBM',
      facility_name: 'Hodo Peninsula',
      facility_lat: 39.40167,
      apogee_km: 50,
      distance_km: 600,
      bearing_deg: 62,
      outcome: 'success',
      origin: 'json',
    });
    // 'unknown' facility coordinates are a placeholder in the source, not a location
    expect(rows[1]).toMatchObject({
      apogee_km: null,
      distance_km: null,
      facility_lat: null,
      time_utc: null,
      outcome: 'unknown',
    });
  });

  it('gives DPRK test success rates per type, leaving unknown outcomes out', async () => {
    await runCli(['--db', db, 'import', 'cns', join(DIR, 'tests.json')]);
    const r = await runCli(['--db', db, 'stats', '--cns', '--json']);
    expect(r.code, r.err).toBe(0);
    const j = r.json<{
      groups: { key: string; tests: number; successRate: number | null; ci95: number[] | null }[];
      total: { tests: number; unknown: number };
    }>();
    expect(j.total).toMatchObject({ tests: 2, unknown: 1 });
    const kn23 = j.groups.find((g) => g.key === 'hwasong-11a')!;
    expect(kn23.successRate).toBe(1);
    expect(kn23.ci95![0]).toBeCloseTo(0.2065, 4); // Wilson 95 % for 1/1
    expect(j.groups.find((g) => g.key === 'unknown')!.successRate).toBeNull();
  });

  it('names the JSON path of a bad value', async () => {
    const f = join(t.dir, 'bad.json');
    writeFileSync(
      f,
      JSON.stringify({
        timeBins: [
          { year: 2020, data: [{ date: '2020-02-30', missile: 'x', apogee: 'high', outcome: 'boom' }] },
        ],
      }),
    );
    const r = await runCli(['--db', db, 'import', 'cns', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json: timeBins\[0\]\.data\[0\]\.date: not a date/);
    expect(r.err).toMatch(/timeBins\[0\]\.data\[0\]\.apogee: not a distance in km: 'high'/);
    expect(r.err).toMatch(/timeBins\[0\]\.data\[0\]\.outcome: not success, failure or unknown/);
  });

  it('rejects a file that is not JSON, naming the line', async () => {
    const f = join(t.dir, 'broken.json');
    writeFileSync(f, '{\n "timeBins": [\n  oops\n]}');
    const r = await runCli(['--db', db, 'import', 'cns', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\.json:3: not valid JSON/);
  });
});

describe('the CNS spreadsheet layout', () => {
  const columns = Object.fromEntries(Object.keys(CNS_XLSX_COLUMNS).map((k, i) => [k, i])) as Record<
    keyof typeof CNS_XLSX_COLUMNS,
    number
  >;
  const hash = (s: string): string => String(s.length).padStart(24, '0');
  it('reads Excel serial dates and times as UTC', () => {
    // 43670 = 2019-07-24; 0.8569444 of a day = 20:34
    const cells = [
      43670,
      0.8569444444,
      'KN-23',
      'SRBM',
      'Hodo Peninsula',
      39.40167,
      127.5369,
      'Sea of Japan',
      '50 km',
      '430 km',
      'Success',
      '1 of 2',
    ];
    const r = mapCnsXlsxRow({ layout: 'xlsx', row: 125, cells }, columns, hash);
    expect(r.problems).toEqual([]);
    expect(r.draft).toMatchObject({
      dateUtc: '2019-07-24',
      timeUtc: '20:34',
      apogeeKm: 50,
      distanceKm: 430,
      missileKey: 'kn-23',
      origin: 'xlsx',
    });
  });
  it('names the spreadsheet row and column of a bad cell', () => {
    const cells = [
      'someday',
      null,
      'KN-23',
      'SRBM',
      'Unknown',
      'Unknown',
      'Unknown',
      'x',
      'far',
      '1 km',
      'Maybe',
      '',
    ];
    const r = mapCnsXlsxRow({ layout: 'xlsx', row: 9, cells }, columns, hash);
    expect(r.problems.map((p) => `${p.line}: ${p.field}`)).toEqual([
      '9: Date',
      '9: Test Outcome',
      '9: Apogee',
    ]);
  });
});
