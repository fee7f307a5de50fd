import { appendFileSync, chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/infra/db/database.js';
import { runCli } from '../helpers/cli.js';
import { seedIncidents, tempDir, writeFile } from './helpers.js';
import { encodePng } from './png.js';

let dir: string;
let cleanup: () => void;
let db: string;
const salvo = (...args: string[]) => runCli(['--db', db, ...args]);

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'salvo.db');
  const s = await openStore(db);
  await seedIncidents(s);
  await s.close();
});
afterAll(() => cleanup());

describe('issue-4: the CLI forms scripts depend on', () => {
  let photo = '';
  let fragment = '';

  it('salvo key create --actor NAME', async () => {
    for (const actor of ['alice', 'bob']) {
      const r = await salvo('key', 'create', '--actor', actor, '--json');
      expect(r.code).toBe(0);
      expect(r.json<{ id: string; actor: string }>()).toMatchObject({
        actor,
        id: expect.stringMatching(/^ed25519:[0-9a-f]{32}$/),
      });
    }
    const keysDir = `${db}.keys`;
    for (const f of readdirSync(keysDir)) expect(f).toMatch(/^ed25519-[0-9a-f]{32}\.pem$/);
  });

  it('salvo evidence add FILE --incident ID --actor NAME --sensitivity S --json prints {"id", "sha256"}', async () => {
    const f = writeFile(
      dir,
      'fragment.png',
      encodePng(40, 30, (x, y) => [x * 6, y * 8, 90]),
    );
    const r = await salvo(
      'evidence',
      'add',
      f,
      '--incident',
      'KHK-2024-01-02',
      '--actor',
      'alice',
      '--sensitivity',
      'public',
      '--json',
    );
    expect(r.code).toBe(0);
    const j = r.json<{ id: string; sha256: string }>();
    expect(Object.keys(j).sort()).toEqual(['id', 'sha256']);
    expect(j.sha256).toMatch(/^[0-9a-f]{64}$/);
    photo = j.id;
    const blob = join(`${db}.blobs`, 'sha256', j.sha256.slice(0, 2), j.sha256);
    expect(statSync(blob).mode & 0o222).toBe(0); // read-only original
  });

  it('adds a physical fragment, a near-duplicate photo, and custody events', async () => {
    const r = await salvo(
      'evidence',
      'add',
      '--physical',
      '--incident',
      'KHK-2024-01-02',
      '--actor',
      'alice',
      '--title',
      'actuator',
      '--seal',
      'S-9',
      '--found-lat',
      '49.99',
      '--found-lon',
      '36.23',
      '--found-precision',
      'exact',
      '--json',
    );
    expect(r.code).toBe(0);
    fragment = r.json<{ id: string }>().id;
    const t = await salvo('evidence', 'transfer', fragment, '--to', 'bob', '--actor', 'alice', '--json');
    expect(t.code).toBe(0);
    expect(t.json()).toMatchObject({ ok: true, item: fragment, type: 'transferred', actor: 'alice' });
    expect(
      (await salvo('evidence', 'examine', fragment, '--note', 'marking 112', '--actor', 'bob')).code,
    ).toBe(0);
    expect(
      (await salvo('evidence', 'annotate', photo, '--note', 'see fragment', '--actor', 'alice')).code,
    ).toBe(0);
    const near = writeFile(
      dir,
      'again.png',
      encodePng(80, 60, (x, y) => [x * 3, y * 4, 91]),
    );
    const n = await salvo(
      'evidence',
      'add',
      near,
      '--incident',
      'KHK-2024-01-02',
      '--actor',
      'bob',
      '--depicts',
      fragment,
      '--json',
    );
    expect(n.code).toBe(0);
    const sim = await salvo('evidence', 'similar', photo, '--json');
    expect(sim.code).toBe(0);
    expect(sim.json<{ similar: { id: string }[] }>().similar.map((s) => s.id)).toContain(
      n.json<{ id: string }>().id,
    );
    const show = await salvo('evidence', 'show', fragment, '--json');
    expect(show.json<{ events: { event: string }[] }>().events.map((e) => e.event)).toEqual([
      'collected',
      'sealed',
      'transferred',
      'examined',
    ]);
  });

  it('salvo verify --json prints {"ok", "problems"} and exits 0 when intact', async () => {
    expect((await salvo('checkpoint', '--actor', 'alice')).code).toBe(0);
    const r = await salvo('verify', '--json');
    expect(r.json()).toMatchObject({ ok: true, problems: [] });
    expect(r.code).toBe(0);
    expect((await salvo('verify', '--item', photo, '--json')).code).toBe(0);
  });

  it('salvo export bundle --incident ID OUT, then salvo verify-bundle OUT (also against the published checkpoint)', async () => {
    const published = (await salvo('checkpoint', '--actor', 'alice')).out
      .split('\n')
      .find((line) => line.startsWith('{'))!;
    writeFileSync(join(dir, 'published.txt'), published + '\n');
    const out = join(dir, 'bundle');
    const e = await salvo(
      'export',
      'bundle',
      '--incident',
      'KHK-2024-01-02',
      out,
      '--actor',
      'alice',
      '--json',
    );
    expect(e.code).toBe(0);
    const v = await salvo('verify-bundle', out, '--checkpoint', join(dir, 'published.txt'), '--json');
    expect(v.json()).toMatchObject({ ok: true, problems: [] });
    expect(v.code).toBe(0);
    const blob = join(out, 'blobs', readdirSync(join(out, 'blobs'))[0]!);
    chmodSync(blob, 0o644);
    appendFileSync(blob, 'tampered');
    const bad = await salvo('verify-bundle', out, '--json');
    expect(bad.code).toBe(3);
    expect(bad.json<{ problems: { what: string }[] }>().problems[0]!.what).toMatch(/file content differs/);
    expect(
      (await salvo('export', 'bundle', '--incident', 'KHK-2024-01-02', out, '--actor', 'alice')).code,
    ).toBe(5);
  });

  it('salvo verify exits 3 naming the item, the event and what differs', async () => {
    const s = await openStore(db);
    await s.db
      .updateTable('evidence_events')
      .set({ actor: 'mallory' })
      .where('item_id', '=', fragment)
      .where('event', '=', 'transferred')
      .execute();
    const ev = await s.db
      .selectFrom('evidence_events')
      .select('idx')
      .where('item_id', '=', fragment)
      .where('event', '=', 'transferred')
      .executeTakeFirstOrThrow();
    await s.close();
    const r = await salvo('verify', '--json');
    expect(r.code).toBe(3);
    const j = r.json<{ ok: boolean; problems: { item: string; event: number; what: string }[] }>();
    expect(j.ok).toBe(false);
    expect(j.problems).toContainEqual({
      item: fragment,
      event: ev.idx,
      what: expect.stringMatching(/actor 'mallory' differs from the signed record's 'alice'/),
    });
  });

  it('bad input exits with its code and a clear message', async () => {
    const empty = writeFile(dir, 'empty.bin', '');
    const r = await salvo(
      'evidence',
      'add',
      empty,
      '--incident',
      'KHK-2024-01-02',
      '--actor',
      'alice',
      '--json',
    );
    expect(r.code).toBe(2);
    expect(r.json<{ error: { message: string } }>().error.message).toMatch(/empty/);
    expect((await salvo('evidence', 'transfer', 'EV-424242', '--to', 'bob', '--actor', 'alice')).code).toBe(
      4,
    );
    expect(
      (await salvo('evidence', 'add', empty, '--incident', 'KHK-2024-01-02', '--actor', 'eve')).code,
    ).toBe(4);
  });
});
