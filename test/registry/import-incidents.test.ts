import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const FIXTURE = new URL('../fixtures/incidents/example.csv', import.meta.url).pathname;
const header = readFileSync(FIXTURE, 'utf8').split('\n')[0]!;

let t: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  t = tempDir();
  db = join(t.dir, 's.db');
});
afterEach(() => t.cleanup());

interface IncStats {
  incidents: {
    groups: {
      key: string;
      count: number;
      failures: number;
      knownOutcomes: number;
      failureRate: number;
      ci95: [number, number];
      debrisRecovered: number;
      killed: number;
      injured: number;
    }[];
    total: {
      count: number;
      failures: number;
      knownOutcomes: number;
      failureRate: number;
      ci95: [number, number];
      debrisRecovered: number;
      killed: number;
      injured: number;
    };
  };
}

describe('salvo import incidents', () => {
  it('imports the documented format and computes failure rates with Wilson intervals', async () => {
    const r = await runCli(['--db', db, 'import', 'incidents', FIXTURE, '--json']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.json()).toMatchObject({ rowsRead: 4, rowsImported: 4, recordsWritten: 4 });
    const s = (await runCli(['--db', db, 'stats', '--by', 'target_region', '--json'])).json<IncStats>();
    // known outcomes: impact, airburst, intercepted (3); failures: airburst (1)
    expect(s.incidents.total).toMatchObject({
      count: 4,
      failures: 1,
      knownOutcomes: 3,
      debrisRecovered: 1,
      killed: 2,
      injured: 43,
    });
    expect(s.incidents.total.failureRate).toBeCloseTo(1 / 3, 12);
    // Wilson 95 % for 1/3: [0.0615, 0.7923] (Newcombe 1998 method 3 gives 0.0615-0.7923)
    expect(s.incidents.total.ci95[0]).toBeCloseTo(0.0615, 4);
    expect(s.incidents.total.ci95[1]).toBeCloseTo(0.7923, 4);
    expect(s.incidents.groups.map((g) => [g.key, g.count])).toEqual([
      ['UA-30', 1],
      ['UA-63', 3],
    ]);
    const byModel = (await runCli(['--db', db, 'stats', '--by', 'model', '--json'])).json<IncStats>();
    expect(byModel.incidents.groups.map((g) => [g.key, g.count])).toEqual([
      ['hwasong-11ga', 1],
      ['unidentified', 3],
    ]);
  });

  it('--missing-data gives naive, Manski bounds and Bayesian estimates, each with its assumption', async () => {
    await runCli(['--db', db, 'import', 'incidents', FIXTURE]);
    const r = await runCli(['--db', db, 'stats', '--missing-data', '--launches', '10', '--json']);
    expect(r.code, r.err).toBe(0);
    const md = r.json<{
      incidents: {
        total: {
          missingData: {
            naive: { rate: number; ci95: number[] };
            bounds: number[];
            bayes: { rate: number; ci95: number[]; assumption: string };
            counts: { unknown: number };
          };
        };
      };
    }>().incidents.total.missingData;
    // 10 launches; known: 1 failure, 2 non-failures; 7 unknown -> worst/best case 1/10 and 8/10
    expect(md.counts.unknown).toBe(7);
    expect(md.bounds[0]!).toBeCloseTo(0.1, 12);
    expect(md.bounds[1]!).toBeCloseTo(0.8, 12);
    expect(md.naive.rate).toBeCloseTo(1 / 3, 12);
    expect(md.bayes.rate).toBeGreaterThan(md.bounds[0]!);
    expect(md.bayes.rate).toBeLessThan(md.bounds[1]!);
    expect(md.bayes.assumption).toMatch(/debris is recovered with probability/);
    const csv = await runCli(['--db', db, 'stats', '--missing-data', '--format', 'csv']);
    const [head, ...rows] = csv.out.trim().split('\n');
    expect(head).toMatch(/^table,key,label,launched/);
    expect(rows.find((x) => x.startsWith('incidents,total,'))).toMatch(/,4,1,3,0\.333/);
  });

  it('re-importing identical incidents from another file is a no-op; changed content is a conflict (exit 5)', async () => {
    await runCli(['--db', db, 'import', 'incidents', FIXTURE]);
    const same = join(t.dir, 'same.csv');
    writeFileSync(same, readFileSync(FIXTURE, 'utf8') + '\n');
    const r1 = await runCli(['--db', db, 'import', 'incidents', same, '--json']);
    expect(r1.json()).toMatchObject({ recordsWritten: 0, duplicates: 4 });
    const changed = join(t.dir, 'changed.csv');
    writeFileSync(
      changed,
      readFileSync(FIXTURE, 'utf8').replace('T-2,2024-01-06T04:00:00Z', 'T-2,2024-01-06T05:00:00Z'),
    );
    const r2 = await runCli(['--db', db, 'import', 'incidents', changed]);
    expect(r2.code).toBe(5);
    expect(r2.err).toMatch(
      /changed\.csv:3: id: incident 'T-2' is already stored \(source src_[0-9a-f]+, line 3\) with different content/,
    );
  });

  it.each([
    [
      'NaN coordinates',
      'X-1,2024-01-02T07:30:00+02:00,NaN,36.2,500,UA-63,,,,,impact,,,,,,',
      /x\.csv:2: lat: not a number: 'NaN'/,
    ],
    [
      'a latitude out of range',
      'X-1,2024-01-02T07:30:00+02:00,95,36.2,500,UA-63,,,,,impact,,,,,,',
      /lat: 95 is outside \[-90, 90\]/,
    ],
    [
      'a time without a zone',
      'X-1,2024-01-02T07:30:00,,,,UA-63,,,,,impact,,,,,,',
      /occurred_at: '2024-01-02T07:30:00' is not ISO 8601 with a zone/,
    ],
    [
      'an unknown outcome',
      'X-1,2024-01-02T07:30:00Z,,,,UA-63,,,,,exploded,,,,,,',
      /outcome: 'exploded' is not one of impact, airburst/,
    ],
    [
      'a location without precision',
      'X-1,2024-01-02T07:30:00Z,50,36,,UA-63,,,,,impact,,,,,,',
      /location_precision_m: a location needs its precision/,
    ],
    [
      'half a coordinate pair',
      'X-1,2024-01-02T07:30:00Z,,,,UA-63,,51.2,,,impact,,,,,,',
      /launch_lon: launch_lat and launch_lon go together/,
    ],
    [
      'an ambiguous identified type',
      'X-1,2024-01-02T07:30:00Z,,,,UA-63,,,,,impact,,Iskander-M/KN-23,,,,',
      /identified_type: 'Iskander-M\/KN-23' names 2 types/,
    ],
    [
      'an unknown region',
      'X-1,2024-01-02T07:30:00Z,,,,Narnia,,,,,impact,,,,,,',
      /target_region: 'Narnia' is not an ISO 3166-2 code/,
    ],
    [
      'a duplicate id',
      'T-9,2024-01-02T07:30:00Z,,,,UA-63,,,,,impact,,,,,,\nT-9,2024-01-02T07:30:00Z,,,,UA-63,,,,,impact,,,,,,',
      /x\.csv:3: id: 'T-9' is also on line 2/,
    ],
  ])('rejects %s, naming line and field, storing nothing', async (_name, row, pattern) => {
    const f = join(t.dir, 'x.csv');
    writeFileSync(f, `${header}\n${row}\n`);
    const r = await runCli(['--db', db, 'import', 'incidents', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(pattern);
    const s = (await runCli(['--db', db, 'stats', '--json'])).json<IncStats>();
    expect(s.incidents.total.count).toBe(0);
    expect((await runCli(['--db', db, 'sources', '--json'])).json()).toEqual({ sources: [] });
  });
});
