import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/infra/db/database.js';
import { runCli, tempDir } from '../helpers/cli.js';

const FIXTURE = new URL('../fixtures/airforce/quirks.csv', import.meta.url).pathname;

interface StatsJson {
  reports: {
    groups: { key: string; launched: number; destroyed: number; launchedWithKnownDestroyed: number }[];
    total: {
      launched: number;
      destroyed: number;
      launchedWithKnownDestroyed: number;
      interceptionRate: number;
      ci95: [number, number];
    };
  };
}

let t: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  t = tempDir();
  db = join(t.dir, 's.db');
});
afterEach(() => t.cleanup());

async function rows<T>(sql: string): Promise<T[]> {
  const store = await openStore(db);
  try {
    return store.sqlite!.prepare(sql).all() as T[];
  } finally {
    await store.close();
  }
}

describe('salvo import airforce', () => {
  it('handles every quirk of the daily CSV and keeps the original text', async () => {
    const r = await runCli(['--db', db, 'import', 'airforce', FIXTURE, '--json']);
    expect(r.code, r.err + r.out).toBe(0);
    const s = r.json<{ rowsRead: number; rowsImported: number; recordsWritten: number }>();
    expect(s).toMatchObject({ rowsRead: 6, rowsImported: 6, recordsWritten: 8 });

    const reports = await rows<Record<string, unknown>>(
      'SELECT * FROM attack_reports ORDER BY source_line, split_index',
    );
    const byLine = (l: number) => reports.filter((x) => x.source_line === l);
    // line 2: date-only Kyiv dates -> a whole Kyiv day in UTC; the combined label is kept whole
    expect(byLine(2)).toHaveLength(1);
    expect(byLine(2)[0]).toMatchObject({
      attribution: 'combined',
      model_id: null,
      model_label: 'C-300/C-400 and Iskander-M',
      time_start_utc: '2024-01-01T22:00:00.000Z',
      time_end_utc: '2024-01-02T22:00:00.000Z',
      time_precision: 'day',
      time_start_raw: '2024-01-02',
      launched: 12,
      destroyed: 0,
    });
    expect(JSON.parse(byLine(2)[0]!.model_ids_json as string)).toEqual(['s-300-or-s-400', 'iskander-m']);
    // line 3: a single-digit hour in winter (UTC+2)
    expect(byLine(3)[0]).toMatchObject({
      time_start_utc: '2023-12-29T05:00:00.000Z',
      time_end_utc: '2023-12-30T08:00:00.000Z',
      model_id: 'iskander-m',
    });
    // line 4: summer time (UTC+3)
    expect(byLine(4)[0]).toMatchObject({
      time_start_utc: '2024-06-06T15:00:00.000Z',
      model_id: 'shahed-136-or-131',
      launched: 53,
    });
    // line 5: split by launched_details; the remainder keeps the launched not covered and the whole destroyed
    expect(
      byLine(5).map((x) => [x.attribution, x.model_id, x.launched, x.destroyed, x.destroyed_base]),
    ).toEqual([
      ['split', 'iskander-m-or-kn-23', 25, null, null],
      ['split', 'iskander-k', 10, null, null],
      ['remainder', null, 3, 9, 38],
    ]);
    expect(byLine(5).reduce((a, x) => a + (x.launched as number), 0)).toBe(38);
    // line 7: the repeated autumn hour is flagged
    expect(byLine(7)[0]).toMatchObject({ time_start_utc: '2024-10-27T00:30:00.000Z', destroyed: null });
    expect(byLine(7)[0]!.notes).toMatch(/repeated autumn hour/);
    // the original text of every field is kept
    expect(JSON.parse(byLine(4)[0]!.raw_json as string)).toMatchObject({
      'affected region': '',
      destroyed_details: "{'south': 16, 'east': NaN, 'north': NaN}",
      border_crossing: "{'russia': 1.0}",
    });

    const places = await rows<{
      report_id: string;
      role: string;
      raw: string;
      kind: string;
      iso_code: string | null;
      direction: string | null;
    }>(
      'SELECT p.* FROM place_set_members p JOIN attack_reports r ON r.places_id = p.set_id WHERE r.source_line IN (3, 5, 7) ORDER BY r.source_line, r.split_index, p.role, p.ordinal',
    );
    const launch3 = places.filter((p) => p.role === 'launch').slice(0, 2);
    expect(launch3.map((p) => [p.raw, p.kind, p.iso_code, p.direction])).toEqual([
      ['Crimea', 'region', 'UA-43', null],
      ['north', 'direction', null, 'north'],
    ]);
    expect(places.filter((p) => p.role === 'affected').map((p) => p.iso_code)).toEqual(['UA-63', 'UA-30']);
    expect(places.filter((p) => p.role === 'launch' && p.raw === 'Voronezh oblast')[0]?.iso_code).toBe(
      'RU-VOR',
    );
    expect(places.find((p) => p.raw === 'Zaporizhzhia oblast, Prymorsk')).toMatchObject({
      kind: 'settlement',
      iso_code: 'UA-23',
    });
  });

  it('never counts the combined label "Iskander-M/KN-23" as either type', async () => {
    await runCli(['--db', db, 'import', 'airforce', FIXTURE]);
    const all = (await runCli(['--db', db, 'stats', '--by', 'model', '--json'])).json<StatsJson>();
    expect(all.reports.total).toMatchObject({
      launched: 115,
      destroyed: 62,
      launchedWithKnownDestroyed: 111,
    });
    expect(all.reports.total.interceptionRate).toBeCloseTo(62 / 111, 12);
    const keys = all.reports.groups.map((g) => g.key);
    expect(keys).toContain('iskander-m-or-kn-23');
    expect(keys).not.toContain('hwasong-11ga');
    const iskander = (
      await runCli(['--db', db, 'stats', '--model', 'Iskander-M', '--json'])
    ).json<StatsJson>();
    expect(iskander.reports.total).toMatchObject({ launched: 5, destroyed: 2 });
    const kn23 = (await runCli(['--db', db, 'stats', '--model', 'KN-23', '--json'])).json<StatsJson>();
    expect(kn23.reports.total.launched).toBe(0);
    const pair = (
      await runCli(['--db', db, 'stats', '--model', 'Iskander-M/KN-23', '--json'])
    ).json<StatsJson>();
    expect(pair.reports.total).toMatchObject({ launched: 28, destroyed: 1 });
  });

  it('adds nothing when the same file is imported twice, and only new rows from an overlapping newer copy', async () => {
    expect((await runCli(['--db', db, 'import', 'airforce', FIXTURE])).code).toBe(0);
    const again = await runCli(['--db', db, 'import', 'airforce', FIXTURE, '--json']);
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ alreadyImported: true, recordsWritten: 0 });
    // The dataset grows at the top: a newer copy shifts every old row down a line.
    const newer = join(t.dir, 'newer.csv');
    const [head, ...body] = readFileSync(FIXTURE, 'utf8').split('\n');
    writeFileSync(
      newer,
      [
        head,
        '2024-02-27,2024-02-27,Iskander-M/KN-23,,Ukraine,,,0.0,,,{},,,,,,,,,,,kpszsu/posts/new',
        ...body,
      ].join('\n'),
    );
    const r = await runCli(['--db', db, 'import', 'airforce', newer, '--json']);
    expect(r.json()).toMatchObject({ rowsRead: 7, recordsWritten: 1, duplicates: 8 });
    expect((await rows<{ n: number }>('SELECT count(*) AS n FROM attack_reports'))[0]!.n).toBe(9);
    expect((await rows<{ n: number }>('SELECT count(*) AS n FROM sources'))[0]!.n).toBe(2);
  });
});

describe('identical published rows within one file', () => {
  it('are all kept (as ID, ID#1, ...), and re-importing the file adds nothing', async () => {
    const [head, first] = readFileSync(FIXTURE, 'utf8').split('\n');
    const f = join(t.dir, 'twice.csv');
    writeFileSync(f, [head, first, first, first].join('\n') + '\n');
    const r = await runCli(['--db', db, 'import', 'airforce', f, '--json']);
    expect(r.json()).toMatchObject({ rowsRead: 3, recordsWritten: 3, duplicates: 0 });
    const ids = (await rows<{ id: string }>('SELECT id FROM attack_reports ORDER BY id')).map((x) => x.id);
    expect(ids).toHaveLength(3);
    expect(ids[1]).toBe(`${ids[0]}#1`);
    expect(ids[2]).toBe(`${ids[0]}#2`);
    const copy = join(t.dir, 'twice-copy.csv');
    writeFileSync(copy, [head, first, first, first].join('\n') + '\n\n');
    expect((await runCli(['--db', db, 'import', 'airforce', copy, '--json'])).json()).toMatchObject({
      recordsWritten: 0,
      duplicates: 3,
    });
  });
});

describe('bad input is rejected with line-numbered errors and the store unchanged', () => {
  const header = readFileSync(FIXTURE, 'utf8').split('\n')[0]!;
  const good = readFileSync(FIXTURE, 'utf8').split('\n')[1]!;
  async function expectRejected(
    name: string,
    content: string | Buffer,
    pattern: RegExp,
    code = 2,
  ): Promise<string> {
    const f = join(t.dir, name);
    writeFileSync(f, content);
    await runCli(['--db', db, 'import', 'airforce', FIXTURE]); // something already stored
    const before = await rows<{ n: number }>(
      'SELECT (SELECT count(*) FROM attack_reports) + (SELECT count(*) FROM sources) AS n',
    );
    const r = await runCli(['--db', db, 'import', 'airforce', f]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(pattern);
    const after = await rows<{ n: number }>(
      'SELECT (SELECT count(*) FROM attack_reports) + (SELECT count(*) FROM sources) AS n',
    );
    expect(after).toEqual(before);
    return r.err;
  }

  it('a wrong header', async () => {
    const err = await expectRejected(
      'h.csv',
      header.replace('launched,', 'fired,') + '\n' + good + '\n',
      /h\.csv:1: launched: required column is missing/,
    );
    expect(err).toMatch(/h\.csv:1: fired: unknown column/);
  });
  it('bad dates and bad numbers, every one listed', async () => {
    const bad1 = good.replace('2024-01-02,2024-01-02', '2024-13-02,2024-01-02');
    const bad2 = good.replace('12.0,0.0', '12.5,x');
    const bad3 = good.replace('12.0,0.0', '2.0,3.0');
    const err = await expectRejected(
      'd.csv',
      [header, good, bad1, bad2, bad3].join('\n') + '\n',
      /3 invalid row/,
    );
    expect(err).toMatch(/d\.csv:3: time_start: no such date: '2024-13-02'/);
    expect(err).toMatch(/d\.csv:4: launched: not a non-negative whole number: '12\.5'/);
    expect(err).toMatch(/d\.csv:4: destroyed: not a non-negative whole number: 'x'/);
    expect(err).toMatch(/d\.csv:5: destroyed: 3 destroyed is more than 2 launched/);
  });
  it('a malformed Python literal names its field', async () => {
    await expectRejected(
      'p.csv',
      [header, good.replace(',{},', ",{'russia': 1.0,")].join('\n') + '\n',
      /p\.csv:2: border_crossing: not a valid Python literal/,
    );
  });
  it('non-UTF-8 bytes name the line', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${header}\n${good}\n`),
      Buffer.from([0x32, 0x30, 0xff, 0xfe, 0x0a]),
    ]);
    await expectRejected('u.csv', bytes, /u\.csv:3: invalid UTF-8/);
  });
  it('an empty file and a header without rows', async () => {
    await expectRejected('e.csv', '', /e\.csv: the file is empty/);
    await expectRejected('o.csv', header + '\n', /o\.csv:2: a header but no data rows/);
  });
  it('a 50 MB line is refused without reading it into memory', async () => {
    const f = join(t.dir, 'big.csv');
    writeFileSync(
      f,
      header + '\n' + good.replace('kpszsu/posts/fixture-1', 'x'.repeat(50 * 1024 * 1024)) + '\n',
    );
    await runCli(['--db', db, 'import', 'airforce', FIXTURE]);
    const r = await runCli(['--db', db, 'import', 'airforce', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/big\.csv:2: record longer than 1048576 characters/);
  });
  it('a missing file is NOT_FOUND (exit 4)', async () => {
    const r = await runCli(['--db', db, 'import', 'airforce', join(t.dir, 'nope.csv')]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/nope\.csv.*no such file/);
  });
  it('--skip-invalid imports the valid rows and writes the rejected ones, with their reasons', async () => {
    const f = join(t.dir, 'mixed.csv');
    copyFileSync(FIXTURE, f);
    writeFileSync(
      f,
      readFileSync(FIXTURE, 'utf8') + good.replace('2024-01-02,2024-01-02', 'soon,2024-01-02') + '\n',
    );
    const rejects = join(t.dir, 'rejects.csv');
    const r = await runCli([
      '--db',
      db,
      'import',
      'airforce',
      f,
      '--skip-invalid',
      '--rejects',
      rejects,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ rowsRead: 7, rowsImported: 6, rowsRejected: 1, rejectsFile: rejects });
    expect(existsSync(rejects)).toBe(true);
    const lines = readFileSync(rejects, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^line,problems,time_start,/);
    expect(lines[1]).toMatch(/^8,.*time_start: not a date or date-time.*,soon,2024-01-02,/);
  });
});
