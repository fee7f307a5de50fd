import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { buildFixture, KHK, POL, SEALED, type Fixture } from './fixture.js';

let fx: Fixture;
let db: string;
beforeAll(async () => {
  fx = await buildFixture();
  db = join(fx.dir, 'fixture.db');
});
afterAll(async () => {
  await fx.cleanup();
});

describe('salvo report | bulletin | export geojson|kml|csv', () => {
  it('report incident --public --out --json writes the dossier atomically and prints a summary; report verify checks it', async () => {
    const out = join(fx.dir, 'public.html');
    const r = await runCli(['--db', db, '--json', 'report', 'incident', POL, '--public', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const s = r.json<{
      sha256: string;
      edition: string;
      exhibits: number;
      withheld: number;
      bytes: number;
    }>();
    expect(s).toMatchObject({ ok: true, edition: 'public', exhibits: 2, withheld: 3 });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(s.sha256);
    expect(html).not.toContain(SEALED.title);
    const v = await runCli(['--db', db, '--json', 'report', 'verify', out]);
    expect(v.code).toBe(0);
    expect(v.json()).toMatchObject({ ok: true, computed: s.sha256 });
    writeFileSync(out, html.replace('"outcome":"impact"', '"outcome":"unknown"'));
    expect((await runCli(['report', 'verify', out])).code).toBe(3);
  });

  it('report incident --format md prints to stdout; --generated-at makes it reproducible', async () => {
    const args = [
      '--db',
      db,
      'report',
      'incident',
      POL,
      '--format',
      'md',
      '--generated-at',
      '2024-03-05T12:00:00Z',
    ];
    const a = await runCli(args);
    const b = await runCli(args);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toContain(`# Dossier: incident ${POL}`);
    expect(a.out).toBe(b.out);
  });

  it('report: clear errors for a bad format, a PDF without --out, an unknown incident, a missing folder', async () => {
    const bad = await runCli(['--db', db, 'report', 'incident', POL, '--format', 'docx']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format must be one of html, pdf, md, json');
    expect((await runCli(['--db', db, 'report', 'incident', POL, '--format', 'pdf'])).code).toBe(2);
    const none = await runCli(['--db', db, 'report', 'incident', 'NOPE']);
    expect(none.code).toBe(4);
    expect(none.err).toContain("no incident 'NOPE'");
    const dir = await runCli([
      '--db',
      db,
      'report',
      'incident',
      POL,
      '--out',
      join(fx.dir, 'no', 'such', 'x.html'),
    ]);
    expect(dir.code).toBe(4);
    expect(
      (await runCli(['--db', db, 'report', 'incident', POL, '--public', '--audience', 'sealed'])).code,
    ).toBe(2);
  });

  it('bulletin --format atom|md with --tags', async () => {
    const out = join(fx.dir, 'feed.atom');
    const r = await runCli([
      '--db',
      db,
      '--json',
      'bulletin',
      '--from',
      '2023-12-01',
      '--to',
      '2024-02-29',
      '--format',
      'atom',
      '--out',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.json()).toMatchObject({ items: 2, incidents: [POL, KHK] });
    expect(readFileSync(out, 'utf8')).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    const md = await runCli([
      '--db',
      db,
      'bulletin',
      '--from',
      '2023-12-01',
      '--to',
      '2024-02-29',
      '--tags',
      'Kharkiv',
    ]);
    expect(md.out).toContain('Kharkiv: missile broke up in the air');
    expect(md.out).not.toContain('Poltava: missile impact');
    expect((await runCli(['--db', db, 'bulletin', '--from', '2024-03-01', '--to', '2024-02-01'])).code).toBe(
      2,
    );
    expect((await runCli(['--db', db, 'bulletin', '--from', '2024-13-01', '--to', '2024-02-01'])).code).toBe(
      2,
    );
  });

  it('export geojson|kml|csv sit in the existing export group, with filters', async () => {
    const out = join(fx.dir, 'x.geojson');
    const g = await runCli(['--db', db, '--json', 'export', 'geojson', '--region', 'UA-53', '--out', out]);
    expect(g.code, g.err).toBe(0);
    expect(g.json()).toMatchObject({ incidents: 1, reconstructions: 1 });
    const fc = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: { id?: string } }[] };
    expect(fc.features[0]!.properties.id).toBe(POL);
    const k = await runCli(['--db', db, 'export', 'kml', '--from', '2024-02-01']);
    expect(k.out).toContain(`<name>${KHK}</name>`);
    const c = await runCli(['--db', db, 'export', 'csv', '--model', 'KN-23']);
    expect(c.out.trim().split('\n')).toHaveLength(2);
    expect((await runCli(['--db', db, 'export', 'geojson', '--bbox', '1,2,3'])).code).toBe(2);
    expect((await runCli(['--db', db, 'export', 'csv', '--region', 'Kharkiv'])).code).toBe(2);
    const help = await runCli(['export', '--help']);
    expect(help.out).toMatch(/bundle[\s\S]*geojson[\s\S]*kml[\s\S]*csv/);
  });
});
