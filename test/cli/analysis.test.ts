import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisRunStore } from '../../src/infra/cases/analysis-runs.js';
import {
  replayReconstruction,
  type ReconstructionConfig,
} from '../../src/infra/cases/replay-reconstruction.js';
import { openStore } from '../../src/infra/db/database.js';
import { runCli, tempDir } from '../helpers/cli.js';

const INCIDENTS = new URL('../fixtures/incidents/example.csv', import.meta.url).pathname;
const CATALOGUE = new URL('../../catalogue/salvo-catalogue.json', import.meta.url).pathname;

const t = tempDir();
const db = join(t.dir, 's.db');
const track = join(t.dir, 'track.csv');
afterAll(() => t.cleanup());
beforeAll(async () => {
  expect((await runCli(['--db', db, 'import', 'incidents', INCIDENTS])).code).toBe(0);
  const sim = await runCli([
    'simulate',
    '--type',
    'hwasong-11ga',
    '--launch',
    '51.45,35.95',
    '--target',
    '49.59,34.55',
    '--radar',
    '50.25,34.90,150',
    '--rate',
    '0.5',
    '--impact-sigma',
    '30',
    '--seed',
    '3',
    '--out',
    track,
  ]);
  expect(sim.code, sim.err).toBe(0);
}, 60_000);

interface Recon {
  launch: { lat: number; lon: number; ellipse95: { semiMajorM: number }; crlb: { semiMajorM: number } };
  types: { id: string }[];
  inputSha256: string;
  runId?: string;
}

describe('salvo simulate | reconstruct | replay', () => {
  it('reconstructs the launch point within its 95 % ellipse, stores the run and replays it bit-identically', async () => {
    const r = await runCli([
      '--db',
      db,
      'reconstruct',
      track,
      '--type',
      'hwasong-11ga',
      '--incident',
      'T-1',
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    const j = r.json<Recon>();
    // truth: 51.45 N 35.95 E; 1 deg latitude = 111.2 km, 1 deg longitude = 69.4 km here
    const errM = Math.hypot((j.launch.lat - 51.45) * 111_200, (j.launch.lon - 35.95) * 69_400);
    expect(errM).toBeLessThan(j.launch.ellipse95.semiMajorM);
    expect(j.launch.crlb.semiMajorM).toBeGreaterThan(0);
    expect(j.inputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(j.types.map((x) => x.id)).toContain('hwasong-11ga');
    const replay = await runCli(['--db', db, 'replay', j.runId!, '--json']);
    expect(replay.code, replay.err).toBe(0);
    expect(replay.json()).toMatchObject({ identical: true, inputSha256: j.inputSha256 });
    // issue-7: the run keeps its GeoJSON (the server draws it without re-fitting), and a replay gives it again.
    const store = await openStore(db);
    try {
      const run = (await analysisRunStore(store.db).get(j.runId!))!;
      const fc = run.geojson as { features: { properties: { kind: string; timesS?: number[] } }[] };
      expect(fc.features[0]!.properties.kind).toBe('trajectory');
      expect(fc.features[0]!.properties.timesS!.length).toBeGreaterThan(10);
      const again = await replayReconstruction(run.input, run.config as ReconstructionConfig);
      expect(JSON.parse(JSON.stringify(again.geojson))).toEqual(run.geojson);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('replay: exit 3 for a changed result under the same method, 8 for a run stored by another method version', async () => {
    const r = await runCli(['--db', db, 'reconstruct', track, '--incident', 'T-1', '--json']);
    expect(r.code, r.err).toBe(0);
    const runId = r.json<Recon>().runId!;
    const edit = async (set: { result_json?: string; method_version?: string }): Promise<void> => {
      const store = await openStore(db);
      try {
        await store.db.updateTable('analysis_runs').set(set).where('id', '=', runId).execute();
      } finally {
        await store.close();
      }
    };
    const stored = r.json<Recon & { manoeuvre: unknown; fit: { chi2: number } }>();
    const { runId: _id, ...result } = stored;
    // The same method, a different stored figure: an integrity failure.
    await edit({
      result_json: JSON.stringify({ ...result, fit: { ...result.fit, chi2: 1 } }),
    });
    const tampered = await runCli(['--db', db, 'replay', runId]);
    expect(tampered.code).toBe(3);
    expect(tampered.out).toMatch(/the replay DIFFERS/);
    // A run of method 1.1.0 (no manoeuvre field): this Salvo cannot replay it bit for bit, and says so.
    const { manoeuvre: _m, ...older } = result;
    await edit({ result_json: JSON.stringify(older), method_version: '1.1.0' });
    const old = await runCli(['--db', db, 'replay', runId, '--json']);
    expect(old.code).toBe(8);
    expect(old.json()).toMatchObject({
      identical: false,
      storedMethodVersion: '1.1.0',
      currentMethodVersion: '1.2.0',
    });
    const text = await runCli(['--db', db, 'replay', runId]);
    expect(text.out).toMatch(/stored by reconstruction method 1\.1\.0; this Salvo runs 1\.2\.0/);
  }, 60_000);

  it('names the row and column of a bad track, and an unknown incident', async () => {
    const bad = join(t.dir, 'bad.csv');
    const lines = readFileSync(track, 'utf8').split('\n');
    writeFileSync(bad, [lines[0], lines[1]!.replace(',radar,', ',laser,'), ...lines.slice(2)].join('\n'));
    const r = await runCli(['reconstruct', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.csv:2: kind: /);
    const u = await runCli(['--db', db, 'reconstruct', track, '--incident', 'NOPE']);
    expect(u.code).toBe(4);
    expect(u.err).toMatch(/no incident 'NOPE'/);
  }, 60_000);
});

describe('salvo identify', () => {
  it('ranks types with posteriors that sum to one and per-feature contributions', async () => {
    const f = join(t.dir, 'features.json');
    writeFileSync(
      f,
      JSON.stringify({
        features: {
          bodyDiameterM: { value: 1.02, sigma: 0.03 },
          markingScript: 'hangul',
          jetVaneActuators: 'present',
        },
      }),
    );
    const r = await runCli(['identify', '--features', f, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = r.json<{
      candidates: { id: string; posterior: number; contributions: { feature: string; logLR: number }[] }[];
      nonePosterior: number;
      catalogueVersion: string;
    }>();
    expect(j.candidates[0]!.id).toBe('hwasong-11ga');
    expect(j.candidates.reduce((a, c) => a + c.posterior, 0) + j.nonePosterior).toBeCloseTo(1, 9);
    expect(j.candidates[0]!.contributions.map((c) => c.feature)).toEqual(
      expect.arrayContaining(['bodyDiameterM', 'markingScript']),
    );
    expect(j.catalogueVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each([
    [{ features: { bodyDiameter: 1 } }, /features\.bodyDiameter: unknown feature/],
    [{ features: { bodyDiameterM: -1 } }, /features\.bodyDiameterM: must be > 0/],
    [{ features: { bodyDiameterM: '1.0 m' } }, /features\.bodyDiameterM: text "1\.0 m" is not a number/],
    [{ features: { rangeKm: 300 }, types: [{ id: 'zz-99', logLikelihood: 0 }] }, /types\[0\]\.id/],
  ])('rejects bad features naming the field (%j)', async (body, pattern) => {
    const f = join(t.dir, 'bad-features.json');
    writeFileSync(f, JSON.stringify(body));
    const r = await runCli(['identify', '--features', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(pattern);
  });

  it('stores a finding for an incident, with the catalogue version', async () => {
    const r = await runCli(['--db', db, 'identify', '--incident', 'T-1', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.json<{ findingId: string }>().findingId).toMatch(/^find_/);
  });
});

describe('salvo catalogue', () => {
  it('validates the shipped catalogue and names the path of a figure without a source', async () => {
    expect((await runCli(['catalogue', 'validate'])).code).toBe(0);
    const cat = JSON.parse(readFileSync(CATALOGUE, 'utf8')) as {
      types: { bodyDiameterM: { sources: string[]; min: number } }[];
    };
    cat.types[0]!.bodyDiameterM.sources = [];
    cat.types[1]!.bodyDiameterM.min = -1;
    const f = join(t.dir, 'cat.json');
    writeFileSync(f, JSON.stringify(cat));
    const r = await runCli(['catalogue', 'validate', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/types\[0\]\.bodyDiameterM\.sources/);
    expect(r.err).toMatch(/types\[1\]\.bodyDiameterM\.min/);
  });
  it('shows one type with its sources, and says which ids exist', async () => {
    const r = await runCli(['catalogue', 'show', 'hwasong-11ga', '--json']);
    expect(r.json<{ type: { id: string }; sources: Record<string, unknown> }>().type.id).toBe('hwasong-11ga');
    const u = await runCli(['catalogue', 'show', 'kn-99']);
    expect(u.code).toBe(4);
    expect(u.err).toMatch(/known types: hwasong-11ga/);
  });
});

describe('salvo case-study', () => {
  it('runs the worked example end to end, including the step that must fail', async () => {
    const dir = join(t.dir, 'case');
    const r = await runCli(['case-study', '--dir', dir, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = r.json<{ ok: boolean; steps: { title: string; exitCode: number }[] }>();
    expect(j.ok).toBe(true);
    expect(j.steps.find((s) => /impact point alone/.test(s.title))?.exitCode).toBe(6);
    expect(j.steps.at(-1)?.exitCode).toBe(0);
  }, 120_000);
});
