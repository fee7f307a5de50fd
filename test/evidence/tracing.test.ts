import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/infra/db/database.js';
import { runCli } from '../helpers/cli.js';
import { seedIncidents, tempDir, writeFile } from './helpers.js';

let dir: string;
let cleanup: () => void;
let db: string;
let fragment: string;
const salvo = (...args: string[]) => runCli(['--db', db, ...args]);

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'salvo.db');
  const s = await openStore(db);
  await seedIncidents(s);
  await s.close();
  await salvo('key', 'create', '--actor', 'analyst');
  const r = await salvo(
    'evidence',
    'add',
    '--physical',
    '--incident',
    'KHK-2024-01-02',
    '--actor',
    'analyst',
    '--title',
    'guidance section',
    '--json',
  );
  fragment = r.json<{ id: string }>().id;
});
afterAll(() => cleanup());

describe('issue-4: component tracing through the CLI', () => {
  it('imports a component list in one transaction and says when the missile could not have been assembled before', async () => {
    const csv = writeFile(
      dir,
      'components.csv',
      'marking,manufacturer,part_number,lot,date_code,calendar,notes\n' +
        'AD7609 2231,Analog Devices,AD7609,,2231,,\n' +
        '"TPS7A4701, 2310",Texas Instruments Inc.,TPS7A4701,A12,2310,,\n' +
        'actuator 112,,,,112,juche,jet-vane actuator\n',
    );
    const r = await salvo('components', 'import', csv, '--item', fragment, '--actor', 'analyst', '--json');
    expect(r.code).toBe(0);
    expect(r.json<{ imported: number }>().imported).toBe(3);
    const s = await salvo('components', 'summary', '--incident', 'KHK-2024-01-02', '--json');
    const j = s.json<{
      earliestAssembly: { notBefore: string; setBy: string[]; sentence: string };
      byCountry: { key: string; count: number }[];
    }>();
    expect(j.earliestAssembly.notBefore).toBe('2023-03-06');
    expect(j.earliestAssembly.sentence).toMatch(/before 6 March 2023/);
    expect(j.byCountry[0]).toMatchObject({ key: 'US', count: 2, dated: 2 });
  });

  it('lists every problem of a bad component list by line and column, and stores nothing', async () => {
    const before = (await salvo('components', 'summary', '--json')).json<{ components: number }>().components;
    const csv = writeFile(
      dir,
      'bad.csv',
      'marking,colour,date_code,calendar\nX,red,2310,\n,blue,2311,martian\n',
    );
    const r = await salvo('components', 'import', csv, '--item', fragment, '--actor', 'analyst', '--json');
    expect(r.code).toBe(2);
    const problems = r.json<{ error: { problems: { line?: number; field?: string }[] } }>().error.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 1, field: 'colour' }),
        expect.objectContaining({ line: 3, field: 'marking' }),
        expect.objectContaining({ line: 3, field: 'calendar' }),
      ]),
    );
    expect((await salvo('components', 'summary', '--json')).json<{ components: number }>().components).toBe(
      before,
    );
  });

  it('logs a trace request and its steps as signed events', async () => {
    const req = await salvo(
      'trace',
      'request',
      'CMP-000002',
      '--to',
      'Texas Instruments',
      '--question',
      'Who bought lot A12?',
      '--actor',
      'analyst',
      '--json',
    );
    expect(req.code).toBe(0);
    const id = req.json<{ request: { id: string; status: string } }>().request.id;
    expect((await salvo('trace', 'reply', id, '--sent', '--actor', 'analyst')).code).toBe(0);
    expect((await salvo('trace', 'reply', id, '--no-reply', '--actor', 'analyst')).code).toBe(0);
    expect(
      (await salvo('trace', 'reply', id, '--follow-up', 'Second letter', '--actor', 'analyst')).code,
    ).toBe(0);
    expect(
      (await salvo('trace', 'reply', id, '--text', 'Sold to distributor D in 2023', '--actor', 'analyst'))
        .code,
    ).toBe(0);
    const list = (await salvo('trace', 'list', '--json')).json<{
      requests: { status: string; history: { status: string }[] }[];
    }>();
    expect(list.requests[0]!.status).toBe('replied');
    expect(list.requests[0]!.history.map((h) => h.status)).toEqual([
      'drafted',
      'sent',
      'no_reply',
      'sent',
      'replied',
    ]);
    expect((await salvo('verify', '--json')).code).toBe(0);
  });
});
