import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_PATH } from '../../src/api/app.js';
import { engines } from '../helpers/engines.js';
import { buildWorld, INCIDENT, maySee, SENSITIVITIES, type Caller, type Sens, type World } from './world.js';

/**
 * issue-6: the authorisation matrix. Every endpoint (the list is checked against the OpenAPI document, so a
 * new endpoint fails here until it is added) × every role (and anonymous, and holders of a grant) × every
 * sensitivity, asserting exactly which combinations succeed; and no response to a caller that may not see an
 * item contains its id, title marker or hash.
 */

type Expect = (c: Caller, s: Sens) => number;
interface Case {
  readonly call: (w: World, c: Caller, s: Sens) => Promise<Response>;
  readonly expect: Expect;
  /** Also check the body (beyond the status). */
  readonly check?: (w: World, c: Caller, s: Sens, body: string) => void;
  /** Run once (with 'public') rather than per sensitivity: the endpoint does not involve an item. */
  readonly once?: boolean;
}

const isAnon = (c: Caller) => c.role === 'anonymous';
const rank = { anonymous: 0, viewer: 1, analyst: 2, custodian: 3, admin: 4 } as const;
const read: Expect = (c) => (isAnon(c) ? 401 : 200);
const needs =
  (role: keyof typeof rank, ok: number): Expect =>
  (c) =>
    isAnon(c) ? 401 : rank[c.role] >= rank[role] ? ok : 403;
const itemRead: Expect = (c, s) => (isAnon(c) ? 401 : maySee(c, s) ? 200 : 404);
const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
let seq = 0;

const CASES: Record<string, Case> = {
  'GET /health': { call: (w, c) => w.req(c, '/health'), expect: () => 200, once: true },
  'GET /ready': { call: (w, c) => w.req(c, '/ready'), expect: () => 200, once: true },
  [`GET ${OPENAPI_PATH}`]: { call: (w, c) => w.req(c, OPENAPI_PATH), expect: () => 200, once: true },
  'GET /api/incidents': { call: (w, c) => w.req(c, '/api/incidents?limit=5'), expect: read, once: true },
  'GET /api/incidents/{id}': {
    call: (w, c) => w.req(c, '/api/incidents/DEMO-2024-02-27-KHK'),
    expect: read,
    once: true,
  },
  'GET /api/incidents/points': {
    call: (w, c) => w.req(c, '/api/incidents/points'),
    expect: read,
    once: true,
    check: (_w, _c, _s, body) => {
      const p = JSON.parse(body) as { count: number; id: string[]; t: number[]; outcome: string[] };
      expect(p.count).toBeGreaterThan(0);
      expect([p.id.length, p.t.length, p.outcome.length]).toEqual([p.count, p.count, p.count]);
      expect(p.id).toContain('DEMO-2024-02-27-KHK');
    },
  },
  'GET /api/incidents/{id}/analyses': {
    call: (w, c) => w.req(c, `/api/incidents/${INCIDENT}/analyses`),
    expect: read,
    once: true,
    check: (w, _c, _s, body) =>
      expect((JSON.parse(body) as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([
        w.runs.identification,
        w.runs.reconstruction,
      ]),
  },
  'GET /api/analyses/{id}/geojson': {
    call: (w, c) => w.req(c, `/api/analyses/${w.runs.reconstruction}/geojson`),
    expect: read,
    once: true,
    check: (_w, _c, _s, body) =>
      expect((JSON.parse(body) as { type: string }).type).toBe('FeatureCollection'),
  },
  'GET /api/incidents/{id}/components': {
    call: (w, c) => w.req(c, `/api/incidents/${INCIDENT}/components`),
    expect: read,
    check: (w, c, s, body) => {
      const r = JSON.parse(body) as {
        items: { marking: string }[];
        earliestAssembly: { notBefore: string } | null;
      };
      expect(r.items.some((i) => i.marking === w.fragments[s].marking)).toBe(maySee(c, s));
      // Date codes 2021 w10 (public), 2022 w20 (restricted), 2023 w30 (sealed): the bound moves with what one sees.
      const latest = SENSITIVITIES.filter((x) => maySee(c, x)).at(-1);
      const want = { public: '2021-03-08', restricted: '2022-05-16', sealed: '2023-07-24' };
      expect(r.earliestAssembly?.notBefore).toBe(latest ? want[latest] : undefined);
    },
  },
  'GET /api/incidents/{id}/dossier': {
    call: (w, c) => w.req(c, `/api/incidents/${INCIDENT}/dossier?format=json`),
    expect: read,
    check: (w, c, s, body) => {
      const d = JSON.parse(body) as {
        dossier: { edition: { audience: string }; exhibits: { id: string }[] };
      };
      // The edition follows the role: restricted for analysts and above (sealed never over HTTP), else public.
      expect(d.dossier.edition.audience).toBe(rank[c.role] >= rank.analyst ? 'restricted' : 'public');
      const inEdition = s === 'public' || (s === 'restricted' && rank[c.role] >= rank.analyst);
      expect(d.dossier.exhibits.some((x) => x.id === w.items[s].id)).toBe(inEdition);
    },
  },
  'GET /api/reports/case': {
    call: (w, c) => w.req(c, '/api/reports/case?from=2024-02-27&to=2024-02-27&format=md'),
    expect: read,
    check: (w, c, s, body) => {
      expect(body).toContain('# Case dossier: 1 incident(s) from 2024-02-27 to 2024-02-27');
      const inEdition = s === 'public' || (s === 'restricted' && rank[c.role] >= rank.analyst);
      expect(body.includes(w.items[s].id)).toBe(inEdition);
    },
  },
  'GET /api/incidents/{id}/findings': {
    call: (w, c) => w.req(c, `/api/incidents/${INCIDENT}/findings`),
    expect: read,
    once: true,
    check: (w, _c, _s, body) => {
      const f = (JSON.parse(body) as { items: { analysisRun: string; provisions: { symbol: string }[] }[] })
        .items;
      expect(f.map((x) => x.analysisRun)).toEqual([w.runs.identification]);
      expect(f[0]!.provisions.map((p) => p.symbol)).toContain('S/RES/1718 (2006)');
    },
  },
  'GET /api/boundaries': {
    call: (w, c) => w.req(c, '/api/boundaries'),
    expect: read,
    once: true,
    check: (_w, _c, _s, body) =>
      expect(JSON.parse(body)).toEqual({ type: 'FeatureCollection', features: [] }),
  },
  'GET /feed.atom': {
    call: (w, c) => w.req(c, '/feed.atom?days=3660'),
    expect: read,
    once: true,
    check: (_w, _c, _s, body) => {
      expect(body).toMatch(
        /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/,
      );
      expect(body).toContain('<entry>');
    },
  },
  'GET /api/attack-reports': {
    call: (w, c) => w.req(c, '/api/attack-reports?limit=5'),
    expect: read,
    once: true,
  },
  'GET /api/attack-reports/{id}': {
    call: async (w, c) => {
      const first = (await (await w.req(w.callers[1], '/api/attack-reports?limit=1')).json()) as {
        items: { id: string }[];
      };
      return w.req(c, `/api/attack-reports/${encodeURIComponent(first.items[0]!.id)}`);
    },
    expect: read,
    once: true,
  },
  'GET /api/sources': { call: (w, c) => w.req(c, '/api/sources'), expect: read, once: true },
  'GET /api/stats': {
    call: (w, c) => w.req(c, '/api/stats?by=model'),
    expect: read,
    once: true,
    check: (_w, c, _s, body) => {
      // One text item, one photo and one fragment of each sensitivity.
      const visible = 3 * SENSITIVITIES.filter((s) => maySee(c, s)).length;
      expect((JSON.parse(body) as { evidence: { visibleItems: number } }).evidence.visibleItems).toBe(
        visible,
      );
    },
  },
  'GET /api/evidence': {
    call: (w, c, s) => w.req(c, `/api/evidence?sensitivity=${s}`),
    expect: read,
    check: (w, c, s, body) => {
      const ids = (JSON.parse(body) as { items: { id: string }[] }).items.map((i) => i.id);
      expect(ids.includes(w.items[s].id)).toBe(maySee(c, s));
    },
  },
  'GET /api/evidence/{id}': {
    call: (w, c, s) => w.req(c, `/api/evidence/${w.items[s].id}`),
    expect: itemRead,
  },
  'GET /api/evidence/{id}/custody': {
    call: (w, c, s) => w.req(c, `/api/evidence/${w.items[s].id}/custody`),
    expect: itemRead,
    check: (_w, c, s, body) => {
      if (maySee(c, s)) expect((JSON.parse(body) as { chainIntact: boolean }).chainIntact).toBe(true);
    },
  },
  'GET /api/evidence/{id}/content': {
    call: (w, c, s) => w.req(c, `/api/evidence/${w.items[s].id}/content`),
    expect: itemRead,
    check: (w, c, s, body) => {
      if (maySee(c, s)) expect(body).toBe(w.items[s].bytes.toString('utf8'));
    },
  },
  'GET /api/evidence/{id}/thumbnail': {
    call: (w, c, s) => w.req(c, `/api/evidence/${w.photos[s].id}/thumbnail`),
    expect: itemRead,
    check: (_w, c, s, body) => {
      if (maySee(c, s)) expect(body.length).toBeGreaterThan(100);
    },
  },
  'POST /api/evidence': {
    call: (w, c, s) =>
      w.req(c, `/api/evidence?incident=DEMO-2024-02-27-KHK&fileName=u${seq++}.txt&sensitivity=${s}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: `uploaded by ${c.name} ${seq}`,
      }),
    expect: needs('analyst', 201),
  },
  'POST /api/evidence/{id}/custody': {
    call: (w, c, s) =>
      w.req(
        c,
        `/api/evidence/${w.items[s].id}/custody`,
        json({ event: 'annotated', note: `note by ${c.name}` }),
      ),
    expect: (c, s) => (isAnon(c) ? 401 : rank[c.role] < rank.custodian ? 403 : maySee(c, s) ? 201 : 404),
  },
  'POST /api/evidence/{id}/grants': {
    call: (w, c, s) =>
      w.req(c, `/api/evidence/${w.items[s].id}/grants`, json({ user: 'viewer-granted', reason: 'matrix' })),
    expect: needs('admin', 200),
  },
  'POST /api/auth/login': {
    call: (w, c) => w.req(c, '/api/auth/login', json({ user: 'pw-user', password: 'correct horse battery' })),
    expect: () => 200,
    once: true,
  },
  'POST /api/auth/logout': {
    call: (w, c) => w.req(c, '/api/auth/logout', { method: 'POST' }),
    expect: read,
    once: true,
  },
  'GET /api/auth/me': {
    call: (w, c) => w.req(c, '/api/auth/me'),
    expect: () => 200,
    once: true,
    check: (_w, c, _s, body) => expect((JSON.parse(body) as { role: string }).role).toBe(c.role),
  },
  'GET /api/users': { call: (w, c) => w.req(c, '/api/users'), expect: needs('admin', 200), once: true },
  'POST /api/users': {
    call: (w, c) =>
      w.req(
        c,
        '/api/users',
        json({ name: `new-${c.name}-${seq++}`, role: 'viewer', password: 'a long enough password' }),
      ),
    expect: needs('admin', 201),
    once: true,
  },
  'POST /api/users/{name}/disable': {
    call: (w, c) => w.req(c, '/api/users/to-disable/disable', { method: 'POST' }),
    expect: needs('admin', 200),
    once: true,
  },
  'POST /api/tokens': {
    call: (w, c) => w.req(c, '/api/tokens', json({ label: 'matrix' })),
    expect: (c) => (isAnon(c) ? 401 : 201),
    once: true,
    check: (_w, c, _s, body) => {
      if (!isAnon(c)) expect((JSON.parse(body) as { token: string }).token).toMatch(/^salvo_/);
    },
  },
  'GET /api/access-log': {
    call: (w, c) => w.req(c, '/api/access-log?limit=500'),
    expect: needs('admin', 200),
    once: true,
  },
};

/** Everything that identifies an item: none of it may reach a caller who may not see the item. */
function assertNoLeak(w: World, c: Caller, body: string, where: string, publicReadOnly = false): void {
  for (const s of SENSITIVITIES) {
    if (maySee(c, s, publicReadOnly)) continue;
    const { items, photos, fragments } = w;
    for (const secret of [
      ...[items[s], photos[s]].flatMap((it) => [it.id, it.title.split(' ')[0]!, it.sha256]),
      fragments[s].id,
      fragments[s].title.split(' ')[0]!,
      fragments[s].marking,
    ])
      expect(body.includes(secret), `${where}: ${c.name} must not see ${s} ${secret}`).toBe(false);
  }
}

for (const { engine, skip } of await engines()) {
  describe.skipIf(skip !== undefined)(`issue-6: authorisation matrix on ${engine}`, () => {
    if (skip) it.skip(skip, () => undefined);
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(engine);
      await w.deps.accounts.addUser({ name: 'pw-user', role: 'viewer', password: 'correct horse battery' });
      await w.deps.accounts.addUser({ name: 'to-disable', role: 'viewer' });
    });
    afterAll(async () => w?.cleanup());

    it('covers every endpoint of the OpenAPI document', async () => {
      const doc = (await (await w.app.request(OPENAPI_PATH)).json()) as { paths: Record<string, object> };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      );
      expect(new Set(Object.keys(CASES))).toEqual(new Set([...documented, `GET ${OPENAPI_PATH}`]));
    });

    it('allows exactly the expected (endpoint, role, sensitivity) combinations and leaks nothing', async () => {
      const failures: string[] = [];
      for (const [name, k] of Object.entries(CASES))
        for (const c of w.callers)
          for (const s of k.once ? (['public'] as const) : SENSITIVITIES) {
            const res = await k.call(w, c, s);
            const body = await res.text();
            const where = `${name} as ${c.name} on ${s}`;
            const want = k.expect(c, s);
            if (res.status !== want)
              failures.push(`${where}: ${res.status} (want ${want}) ${body.slice(0, 120)}`);
            if (res.status >= 400)
              expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: expect.any(String) } });
            assertNoLeak(w, c, body, where);
            if (res.status < 300) k.check?.(w, c, s, body);
          }
      expect(failures).toEqual([]);
    });

    it('writes every read of a restricted or sealed item to the access log, and only those', async () => {
      const analyst = w.callers.find((c) => c.name === 'analyst-granted')!;
      const reads = async () =>
        (
          await w.es.store.db
            .selectFrom('access_log')
            .selectAll()
            .where('user_name', '=', 'analyst-granted')
            .where('action', '=', 'read')
            .execute()
        ).length;
      for (const s of SENSITIVITIES) {
        const before = await reads();
        expect((await w.req(analyst, `/api/evidence/${w.items[s].id}`)).status).toBe(200);
        expect(await reads(), s).toBe(before + (s === 'public' ? 0 : 1));
      }
    });

    it('an admin without a grant sees the sealed item neither in lists nor in the access log', async () => {
      const admin = w.callers.find((c) => c.name === 'admin-1')!;
      const log = await (await w.req(admin, '/api/access-log?limit=500')).text();
      expect(log.includes(w.items.sealed.id)).toBe(false);
      expect(log.includes(w.items.restricted.id)).toBe(true);
    });

    it('a disabled user is refused at once', async () => {
      const t = await w.deps.accounts.createToken('pw-user', 'x');
      expect(
        (await w.app.request('/api/stats', { headers: { authorization: `Bearer ${t.token}` } })).status,
      ).toBe(200);
      await w.deps.accounts.setDisabled('pw-user', true);
      const res = await w.app.request('/api/stats', { headers: { authorization: `Bearer ${t.token}` } });
      expect(res.status).toBe(401);
    });
  });

  describe.skipIf(skip !== undefined)(`issue-6: --public-read-only on ${engine}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(engine, { publicReadOnly: true });
    });
    afterAll(async () => w?.cleanup());

    it('serves public items alone to anyone, ignores credentials and refuses every write', async () => {
      for (const c of w.callers) {
        for (const s of SENSITIVITIES) {
          const res = await w.req(c, `/api/evidence/${w.items[s].id}`);
          expect(res.status, `${c.name} ${s}`).toBe(s === 'public' ? 200 : 404);
          assertNoLeak(w, c, await res.text(), 'public-read-only', true);
          const list = await (await w.req(c, '/api/evidence')).text();
          expect(list.includes(w.items[s].id)).toBe(s === 'public');
        }
        expect((await w.req(c, '/api/incidents?limit=1')).status).toBe(200);
        const comps = await w.req(c, `/api/incidents/${INCIDENT}/components`);
        expect(comps.status).toBe(200);
        const markings = ((await comps.json()) as { items: { marking: string }[] }).items.map(
          (i) => i.marking,
        );
        expect(markings).toEqual([w.fragments.public.marking]);
        for (const s of SENSITIVITIES)
          expect((await w.req(c, `/api/evidence/${w.photos[s].id}/thumbnail`)).status).toBe(
            s === 'public' ? 200 : 404,
          );
        const feed = await w.req(c, '/feed.atom');
        expect(feed.status).toBe(200);
        assertNoLeak(w, c, await feed.text(), 'public-read-only feed', true);
        // Dossiers: the public edition for anyone, whatever credential is sent; the restricted one refused.
        const dossier = await w.req(c, `/api/incidents/${INCIDENT}/dossier?format=md`);
        expect(dossier.status).toBe(200);
        const md = await dossier.text();
        expect(md).toContain('PUBLIC EDITION');
        assertNoLeak(w, c, md, 'public-read-only dossier', true);
        expect((await w.req(c, `/api/incidents/${INCIDENT}/dossier?audience=restricted`)).status).toBe(403);
        const caseMd = await (
          await w.req(c, '/api/reports/case?from=2024-02-27&to=2024-02-27&format=md')
        ).text();
        assertNoLeak(w, c, caseMd, 'public-read-only case dossier', true);
        const up = await w.req(c, '/api/evidence?incident=DEMO-2024-02-27-KHK&fileName=x.txt', {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: 'x',
        });
        expect(up.status).toBe(403);
        expect((await w.req(c, '/api/auth/login', json({ user: 'admin-1', password: 'x' }))).status).toBe(
          403,
        );
        expect(((await (await w.req(c, '/api/auth/me')).json()) as { role: string }).role).toBe('anonymous');
      }
      const n = await w.es.store.db
        .selectFrom('evidence_items')
        .select(w.es.store.db.fn.countAll().as('n'))
        .executeTakeFirst();
      expect(Number(n?.n)).toBe(9);
    });
  });
}
