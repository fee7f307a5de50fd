import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { apiDeps } from '../../src/api/wiring.js';
import { addDigitalItem } from '../../src/evidence/services/add-digital-item.js';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/context.js';
import { engines } from '../helpers/engines.js';
import { buildWorld, INCIDENT, type Caller, type World } from './world.js';
import { RECONSTRUCTION_METHOD } from '../../src/reconstruction/index.js';

/**
 * issue-7: the endpoints the web UI asked for (.tmp/api-requests.md 1-10) and issue 8's /feed.atom, beyond the
 * authorisation matrix: what they answer, on both engines where they touch SQL.
 */
const quiet: Io = { out: () => undefined, err: () => undefined, interactive: false };
const json = async <T>(res: Response): Promise<T> => {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};

interface Points {
  count: number;
  truncated: boolean;
  id: string[];
  t: number[];
  lon: (number | null)[];
  outcome: string[];
  type: (string | null)[];
  targetRegion: (string | null)[];
}

for (const { engine, skip } of await engines()) {
  describe.skipIf(skip !== undefined)(`issue-7: the web UI's endpoints on ${engine}`, () => {
    let w: World;
    let analyst: Caller;
    let viewer: Caller;
    beforeAll(async () => {
      w = await buildWorld(engine);
      analyst = w.callers.find((c) => c.name === 'analyst-1')!;
      viewer = w.callers.find((c) => c.name === 'viewer-1')!;
    });
    afterAll(async () => w?.cleanup());

    it('request 1: the points are the same incidents as the pages, in the same order, as columns', async () => {
      for (const filter of [
        '',
        'bbox=30,46,40,52&from=2024-01-01',
        'outcome=impact,airburst',
        'region=UA-63',
      ]) {
        const p = await json<Points>(await w.req(viewer, `/api/incidents/points?${filter}`));
        const ids: string[] = [];
        type Row = {
          id: string;
          occurredAt: string;
          lon: number | null;
          outcome: string;
          targetRegion: string | null;
        };
        const rows: Row[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: Row[]; nextCursor: string | null } = await json(
            await w.req(viewer, `/api/incidents?limit=7&${filter}${cursor ? `&cursor=${cursor}` : ''}`),
          );
          for (const r of page.items) {
            ids.push(r.id);
            rows.push(r);
          }
          cursor = page.nextCursor;
        } while (cursor);
        expect(p.id, filter).toEqual(ids);
        expect(p.count).toBe(ids.length);
        expect(p.truncated).toBe(false);
        expect(p.t).toEqual(rows.map((r) => Date.parse(r.occurredAt)));
        expect(p.lon).toEqual(rows.map((r) => r.lon));
        expect(p.outcome).toEqual(rows.map((r) => r.outcome));
        expect(p.targetRegion).toEqual(rows.map((r) => r.targetRegion));
      }
    });

    it('request 1: gzip when the client accepts it', async () => {
      const res = await w.req(viewer, '/api/incidents/points', { headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers.get('content-encoding')).toBe('gzip');
      const body = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as Points;
      expect(body.count).toBeGreaterThan(10);
    });

    it('request 2: analyses newest first, filtered by kind', async () => {
      type Runs = { items: { id: string; kind: string; hasGeoJson: boolean; result: unknown }[] };
      const all = await json<Runs>(await w.req(viewer, `/api/incidents/${INCIDENT}/analyses`));
      expect(all.items.map((r) => [r.kind, r.hasGeoJson])).toEqual([
        ['identification', false],
        ['reconstruction', true],
      ]);
      expect(JSON.stringify(all)).not.toContain('input_text');
      const rec = await json<Runs>(
        await w.req(viewer, `/api/incidents/${INCIDENT}/analyses?kind=reconstruction`),
      );
      expect(rec.items.map((r) => r.id)).toEqual([w.runs.reconstruction]);
      const none = await json<Runs>(await w.req(viewer, '/api/incidents/DEMO-2024-01-23-POL/analyses'));
      expect(none.items).toEqual([]);
    });

    it('request 3: the stored GeoJSON of a reconstruction', async () => {
      const res = await w.req(viewer, `/api/analyses/${w.runs.reconstruction}/geojson`);
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      const fc = await json<{ features: { properties: { kind: string; timesS?: number[] } }[] }>(res);
      // The run's input is a restricted exhibit: a viewer gets its hash withheld, an analyst gets it.
      expect(fc.features[0]!.properties).toEqual({
        kind: 'trajectory',
        timesS: [0, 300],
        inputSha256: '[withheld]',
      });
      const analyst = w.callers.find((c) => c.name === 'analyst-1')!;
      const full = await json<{ features: { properties: { inputSha256?: string } }[] }>(
        await w.req(analyst, `/api/analyses/${w.runs.reconstruction}/geojson`),
      );
      expect(full.features[0]!.properties.inputSha256).toBe(w.items.restricted.sha256);
    });

    it('request 5: findings word the identification and cite the provisions without quoting them', async () => {
      const f = await json<{
        items: { statement: string; provisions: { instrument: string; paragraph: string | null }[] }[];
      }>(await w.req(viewer, `/api/incidents/${INCIDENT}/findings`));
      expect(f.items).toHaveLength(1);
      expect(f.items[0]!.statement).toMatch(/^It is .+ \(posterior 0\.\d+\) that the object was a /);
      expect(f.items[0]!.provisions.map((p) => p.instrument)).toEqual([
        'UNSCR 1718 (2006)',
        'UNSCR 1874 (2009)',
        'UNSCR 2270 (2016)',
        'UNSCR 2321 (2016)',
        'UNSCR 2397 (2017)',
      ]);
      expect(f.items[0]!.provisions[0]!.paragraph).toBe('operative paragraph 8 (a) and (b)');
      expect(f.items[0]!.provisions[2]!.paragraph).toBeNull();
    });

    it('request 6: boundaries, one per ISO code from the latest import, simplified', async () => {
      const empty = await json<{ features: unknown[] }>(await w.req(viewer, '/api/boundaries'));
      expect(empty.features).toEqual([]);
      // A square with 400 vertices along its edges (all within 1 m of the straight sides) and a 10 m islet.
      const ring: number[][] = [];
      for (let i = 0; i < 100; i++) ring.push([36 + i / 100, 49 + (i % 2) * 1e-6]);
      for (let i = 0; i < 100; i++) ring.push([37, 49 + i / 100]);
      for (let i = 0; i < 100; i++) ring.push([37 - i / 100, 50]);
      for (let i = 0; i < 100; i++) ring.push([36, 50 - i / 100]);
      ring.push([36, 49]);
      const islet = [
        [38, 48],
        [38.0001, 48],
        [38.0001, 48.0001],
        [38, 48],
      ];
      const file = join(w.es.dir, 'adm1.geojson');
      const fc = (name: string) => ({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { shapeISO: 'UA-63', shapeName: name },
            geometry: { type: 'MultiPolygon', coordinates: [[ring], [islet]] },
          },
        ],
      });
      writeFileSync(file, JSON.stringify(fc('Kharkiv v1')));
      expect(await main(['--db', w.es.url, 'import', 'boundaries', file], quiet)).toBe(0);
      const one = await json<{
        features: { geometry: { type: string; coordinates: number[][][] }; properties: unknown }[];
      }>(await w.req(viewer, '/api/boundaries'));
      expect(one.features).toHaveLength(1);
      expect(one.features[0]!.properties).toEqual({
        iso: 'UA-63',
        name: 'Kharkiv v1',
        country: 'UA',
        level: 'admin1',
      });
      expect(one.features[0]!.geometry.type).toBe('Polygon'); // the islet is below the tolerance
      expect(one.features[0]!.geometry.coordinates[0]).toEqual([
        [36, 49],
        [37, 49],
        [37, 50],
        [36, 50],
        [36, 49],
      ]);
      await new Promise((r) => setTimeout(r, 5));
      writeFileSync(file, JSON.stringify(fc('Kharkiv v2')));
      expect(await main(['--db', w.es.url, 'import', 'boundaries', file], quiet)).toBe(0);
      const two = await json<{ features: { properties: { name: string } }[] }>(
        await w.req(viewer, '/api/boundaries'),
      );
      expect(two.features.map((f) => f.properties.name)).toEqual(['Kharkiv v2']);
    });

    it('request 7 and the trend: stats with missing-data bounds and monthly trends', async () => {
      type Md = { bounds: [number, number]; counts: { launches: number } };
      type S = {
        incidents: { groups: { missingData?: Md }[]; total: { count: number; missingData?: Md } };
        reports: { groups: { key: string; trend?: { months: number; model: string } }[] };
      };
      const plain = await json<S>(await w.req(viewer, '/api/stats?by=model'));
      expect(plain.incidents.total.missingData).toBeUndefined();
      const md = await json<S>(await w.req(viewer, '/api/stats?by=model&missingData=true&launches=50'));
      expect(md.incidents.groups.every((g) => g.missingData !== undefined)).toBe(true);
      expect(md.incidents.total.missingData!.counts.launches).toBe(Math.max(50, md.incidents.total.count));
      const [lo, hi] = md.incidents.total.missingData!.bounds;
      expect(lo).toBeLessThanOrEqual(hi);
      const tr = await json<S>(await w.req(viewer, '/api/stats?by=model&trend=true'));
      expect(tr.reports.groups.length).toBeGreaterThan(0);
      expect(tr.reports.groups.every((g) => g.trend?.model.startsWith('logit'))).toBe(true);
    });

    it('request 8: JPEG thumbnails of PNG and JPEG photos, logged for restricted items', async () => {
      const res = await w.req(analyst, `/api/evidence/${w.photos.restricted.id}/thumbnail`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      const t = jpeg.decode(Buffer.from(await res.arrayBuffer()), { useTArray: true });
      expect([t.width, t.height]).toEqual([256, 171]);
      const logged = await w.es.store.db
        .selectFrom('access_log')
        .select(['action', 'item_id'])
        .where('user_name', '=', 'analyst-1')
        .where('action', '=', 'thumbnail')
        .execute();
      expect(logged.map((l) => l.item_id)).toEqual([w.photos.restricted.id]);
      // A JPEG, rotated by its EXIF orientation would need exifr; this one has none: 600 x 400 -> 256 x 171.
      const rgba = new Uint8Array(600 * 400 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 13) & 255));
      const path = join(w.es.dir, 'photo.jpg');
      writeFileSync(path, jpeg.encode({ width: 600, height: 400, data: rgba }, 90).data);
      const added = await addDigitalItem(w.deps.evidenceDeps, {
        path,
        fileName: 'photo.jpg',
        incident: INCIDENT,
        actor: 'custodian-1',
        sensitivity: 'public',
        media: 'photo',
        title: 'a JPEG',
      });
      const j = await w.req(viewer, `/api/evidence/${added.id}/thumbnail`);
      expect(j.status).toBe(200);
      const d = jpeg.decode(Buffer.from(await j.arrayBuffer()), { useTArray: true });
      expect([d.width, d.height]).toEqual([256, 171]);
    });

    it('request 9: GET /api/auth/me returns the session CSRF token after a reload, never to a token', async () => {
      await w.deps.accounts.addUser({
        name: 'reloader',
        role: 'analyst',
        password: 'a long enough password',
      });
      const login = await w.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'reloader', password: 'a long enough password' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const me = await json<{ csrfToken?: string; via: string }>(
        await w.app.request('/api/auth/me', { headers: { cookie } }),
      );
      expect(me).toMatchObject({ via: 'session', csrfToken });
      const post = await w.app.request('http://localhost/api/tokens', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken! },
        body: JSON.stringify({ label: 'after reload' }),
      });
      expect(post.status).toBe(201);
      const byToken = await json<{ csrfToken?: string; via: string }>(await w.req(analyst, '/api/auth/me'));
      expect(byToken.via).toBe('token');
      expect(byToken.csrfToken).toBeUndefined();
    });

    it('issue-8: /feed.atom is the bulletin as Atom, filtered by tags', async () => {
      const res = await w.req(viewer, '/feed.atom?days=3660');
      expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const xml = await res.text();
      expect(xml).toContain(
        '<link rel="self" type="application/atom+xml" href="http://localhost/feed.atom"/>',
      );
      expect(xml).toMatch(/href="http:\/\/localhost\/#\/incidents\/DEMO-/);
      const entries = (x: string) => (x.match(/<entry>/g) ?? []).length;
      expect(entries(xml)).toBeGreaterThan(1);
      const tagged = await (await w.req(viewer, '/feed.atom?days=3660&tags=Kharkiv')).text();
      expect(entries(tagged)).toBeGreaterThan(0);
      expect(entries(tagged)).toBeLessThan(entries(xml));
      expect((await w.req(undefined, '/feed.atom')).status).toBe(401);
    });
  });
}

describe('issue-7: request 3 for runs stored before the GeoJSON was (replayed, checked)', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld('sqlite');
  });
  afterAll(async () => w?.cleanup());

  it('replays the stored input and answers its GeoJSON; refuses when the replay differs', async () => {
    const viewer = w.callers.find((c) => c.name === 'viewer-1')!;
    const row = await w.es.store.db
      .selectFrom('analysis_runs')
      .selectAll()
      .where('id', '=', w.runs.reconstruction)
      .executeTakeFirstOrThrow();
    await w.es.store.db
      .insertInto('analysis_runs')
      .values([
        { ...row, id: 'run_old', geojson_json: null, created_at: '2024-03-01T00:00:00.000Z' },
        {
          ...row,
          id: 'run_tampered',
          geojson_json: null,
          created_at: '2024-03-01T00:00:01.000Z',
          method_version: RECONSTRUCTION_METHOD.version, // the same method: a difference is tampering
          result_json: row.result_json.replace(/"lat":(\d+)\./, '"lat":1$1.'),
        },
        {
          // A different flight under another method version: not tampering, a replay this server cannot do.
          ...row,
          id: 'run_other_method',
          geojson_json: null,
          created_at: '2024-03-01T00:00:02.000Z',
          method_version: '1.1.0',
          result_json: row.result_json.replace(/"lat":(\d+)\./, '"lat":1$1.'),
        },
      ])
      .execute();
    const fc = await json<{
      features: { geometry: { type: string; coordinates: unknown[] }; properties: Record<string, unknown> }[];
    }>(await w.req(viewer, '/api/analyses/run_old/geojson'));
    const kinds = fc.features.map((f) => f.properties.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['trajectory', 'launch', 'launch-ellipse95', 'impact-ellipse95']),
    );
    const line = fc.features[0]!;
    expect((line.properties.timesS as number[]).length).toBe(line.geometry.coordinates.length);
    const bad = await w.req(viewer, '/api/analyses/run_tampered/geojson');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INTEGRITY');
    const other = await w.req(viewer, '/api/analyses/run_other_method/geojson');
    expect(other.status).toBe(415);
    const e = (await other.json()) as { error: { code: string; message: string } };
    expect(e.error.code).toBe('UNSUPPORTED');
    expect(e.error.message).toMatch(/stored by reconstruction method 1\.1\.0; this server runs 1\.2\.0/);
  }, 60_000);
});

describe('issue-7: request 10, the built UI at / (salvo serve --web DIR)', () => {
  let w: World;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    w = await buildWorld('sqlite');
    const web = join(w.es.dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(
      join(web, 'index.html'),
      '<!doctype html><title>Salvo</title><script src="./assets/main-abc.js"></script>',
    );
    writeFileSync(join(web, 'assets', 'main-abc.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    writeFileSync(join(w.es.dir, 'secret.txt'), 'not for the web');
    app = createApp(apiDeps(w.es.store, { options: { spoolDir: join(w.es.dir, 'spool'), webRoot: web } }));
  });
  afterAll(async () => w?.cleanup());

  it('serves index.html (no-cache, CSP) and hashed assets (immutable), nothing else', async () => {
    const home = await app.request('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(home.headers.get('content-security-policy')).toMatch(/worker-src 'self' blob:/);
    expect(await home.text()).toContain('<title>Salvo</title>');
    const js = await app.request('/assets/main-abc.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-encoding')).toBe('gzip');
    for (const path of [
      '/index.html',
      '/assets/missing.js',
      '/assets/..%2F..%2Fsecret.txt',
      '/assets/.hidden',
      '/secret.txt',
      '/incident/X',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('not for the web');
    }
    expect((await app.request('/api/incidents')).status).toBe(401); // the API is still the API
  });
});
