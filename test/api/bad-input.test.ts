import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { buildWorld, INCIDENT, type Caller, type World } from './world.js';

/**
 * issue-6: bad input at every endpoint: malformed JSON, wrong types, oversized bodies, path traversal in
 * names, SQL metacharacters in filters, unknown ids. Each is a 4xx with the stable code, writes nothing, and
 * carries no stack trace.
 */
interface Bad {
  readonly what: string;
  readonly method?: string;
  readonly path: string;
  readonly body?: string | Uint8Array;
  readonly type?: string;
  readonly status: number;
  readonly code: string;
}

const J = 'application/json';
const big = (n: number) => 'x'.repeat(n);
const item = 'EV-000002';

const BAD: Bad[] = [
  // registry lists: wrong types, out of range, SQL metacharacters, unknown parameters
  { what: 'limit not a number', path: '/api/incidents?limit=abc', status: 400, code: 'INVALID_INPUT' },
  { what: 'limit too large', path: '/api/incidents?limit=100000', status: 400, code: 'INVALID_INPUT' },
  { what: 'bbox garbage', path: '/api/incidents?bbox=foo', status: 400, code: 'INVALID_INPUT' },
  { what: 'bbox out of range', path: '/api/incidents?bbox=-200,0,10,10', status: 400, code: 'INVALID_INPUT' },
  { what: 'bbox inverted', path: '/api/incidents?bbox=40,50,30,45', status: 400, code: 'INVALID_INPUT' },
  { what: 'from not a date', path: '/api/incidents?from=yesterday', status: 400, code: 'INVALID_INPUT' },
  {
    what: 'from without zone',
    path: '/api/incidents?from=2024-01-01T00:00:00',
    status: 400,
    code: 'INVALID_INPUT',
  },
  { what: 'unknown outcome', path: '/api/incidents?outcome=exploded', status: 400, code: 'INVALID_INPUT' },
  {
    what: 'SQL in model',
    path: `/api/incidents?model=${encodeURIComponent("' OR 1=1 --")}`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'SQL in region',
    path: `/api/incidents?region=${encodeURIComponent("UA-63'; DROP TABLE incidents; --")}`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'SQL in sort',
    path: `/api/incidents?sort=${encodeURIComponent('id; DROP TABLE users')}`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'forged cursor',
    path: '/api/incidents?cursor=bm90IGEgY3Vyc29y',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'cursor with quotes',
    path: `/api/incidents?cursor=${encodeURIComponent("'--")}`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  { what: 'unknown parameter', path: '/api/incidents?colour=red', status: 400, code: 'INVALID_INPUT' },
  { what: 'unknown incident', path: '/api/incidents/NO-SUCH-INCIDENT', status: 404, code: 'NOT_FOUND' },
  {
    what: 'traversal in incident id',
    path: '/api/incidents/..%2F..%2Fetc%2Fpasswd',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'reports: SQL in model',
    path: `/api/attack-reports?model=${encodeURIComponent('x" OR "1"="1')}`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  { what: 'reports: bad to', path: '/api/attack-reports?to=2024-13-45', status: 400, code: 'INVALID_INPUT' },
  {
    what: 'reports: bbox not accepted',
    path: '/api/attack-reports?bbox=30,46,40,52',
    status: 400,
    code: 'INVALID_INPUT',
  },
  { what: 'unknown report', path: '/api/attack-reports/ar_nope', status: 404, code: 'NOT_FOUND' },
  {
    what: 'sources: unknown parameter is ignored? no: 404 for bad path',
    path: '/api/sources/x',
    status: 404,
    code: 'NOT_FOUND',
  },
  { what: 'stats: bad group', path: '/api/stats?by=colour', status: 400, code: 'INVALID_INPUT' },
  { what: 'stats: unknown model', path: '/api/stats?model=Nonexistent-9', status: 404, code: 'NOT_FOUND' },
  {
    what: 'stats: SQL in from',
    path: `/api/stats?from=${encodeURIComponent("2024-01-01' OR '1'='1")}`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  // issue-7 requests: points, analyses, GeoJSON, components, findings, boundaries, stats options
  {
    what: 'points: bbox garbage',
    path: '/api/incidents/points?bbox=1,2,3',
    status: 400,
    code: 'INVALID_INPUT',
  },
  { what: 'points: no paging', path: '/api/incidents/points?limit=10', status: 400, code: 'INVALID_INPUT' },
  { what: 'points: no sort', path: '/api/incidents/points?sort=id', status: 400, code: 'INVALID_INPUT' },
  {
    what: 'points: SQL in launchRegion',
    path: `/api/incidents/points?launchRegion=${encodeURIComponent("RU-BEL' OR 1=1 --")}`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'points: bad outcome',
    path: '/api/incidents/points?outcome=x',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'analyses: bad kind',
    path: `/api/incidents/${INCIDENT}/analyses?kind=simulation`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'analyses: unknown incident',
    path: '/api/incidents/NO-SUCH-INCIDENT/analyses',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'analyses: traversal in id',
    path: '/api/incidents/..%2F..%2Fetc%2Fpasswd/analyses',
    status: 400,
    code: 'INVALID_INPUT',
  },
  { what: 'geojson: unknown run', path: '/api/analyses/run_nope/geojson', status: 404, code: 'NOT_FOUND' },
  {
    what: 'geojson: an identification has none',
    path: '/api/analyses/find_world_id/geojson',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'geojson: SQL in id',
    path: `/api/analyses/${encodeURIComponent("x' OR '1'='1")}/geojson`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'components: unknown incident',
    path: '/api/incidents/NO-SUCH-INCIDENT/components',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'components: traversal in id',
    path: '/api/incidents/..%2Fx/components',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'findings: unknown incident',
    path: '/api/incidents/NO-SUCH-INCIDENT/findings',
    status: 404,
    code: 'NOT_FOUND',
  },
  { what: 'boundaries: no sub-path', path: '/api/boundaries/UA-63', status: 404, code: 'NOT_FOUND' },
  // dossiers
  {
    what: 'dossier: unknown incident',
    path: '/api/incidents/NO-SUCH-INCIDENT/dossier',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'dossier: pdf over HTTP',
    path: `/api/incidents/${INCIDENT}/dossier?format=pdf`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'dossier: sealed edition over HTTP',
    path: `/api/incidents/${INCIDENT}/dossier?audience=sealed`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'dossier: path traversal',
    path: '/api/incidents/..%2F..%2Fetc%2Fpasswd/dossier',
    status: 400,
    code: 'INVALID_INPUT',
  },
  { what: 'case: no period', path: '/api/reports/case', status: 400, code: 'INVALID_INPUT' },
  {
    what: 'case: not a calendar day',
    path: '/api/reports/case?from=2024-02-30&to=2024-03-01',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'case: to before from',
    path: '/api/reports/case?from=2024-03-01&to=2024-02-01',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'case: zero launches',
    path: '/api/reports/case?from=2024-01-01&to=2024-02-01&launches=0',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'case: SQL in model',
    path: `/api/reports/case?from=2024-01-01&to=2024-02-01&model=${encodeURIComponent("x' OR '1'='1")}`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'case: empty scope',
    path: '/api/reports/case?from=2019-01-01&to=2019-01-31',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'stats: missingData not a flag',
    path: '/api/stats?missingData=yes',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'stats: negative launches',
    path: '/api/stats?missingData=true&launches=-1',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'stats: launches not a number',
    path: '/api/stats?missingData=true&launches=many',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'stats: launches without missingData',
    path: '/api/stats?launches=50',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'stats: missingData refused when too costly',
    path: '/api/stats?missingData=true&launches=100000',
    status: 400,
    code: 'INVALID_INPUT',
  },
  { what: 'stats: trend needs by=model', path: '/api/stats?trend=true', status: 400, code: 'INVALID_INPUT' },
  // issue-8: the feed
  { what: 'feed: limit 0', path: '/feed.atom?limit=0', status: 400, code: 'INVALID_INPUT' },
  { what: 'feed: days not a number', path: '/feed.atom?days=all', status: 400, code: 'INVALID_INPUT' },
  {
    what: 'feed: SQL in tags',
    path: `/feed.atom?tags=${encodeURIComponent("x'; DROP TABLE incidents; --")}`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  { what: 'feed: unknown parameter', path: '/feed.atom?format=rss', status: 400, code: 'INVALID_INPUT' },
  // the web UI (not served by this app: no --web) and traversal past it
  { what: 'static: traversal', path: '/assets/..%2F..%2Fsalvo.db', status: 404, code: 'NOT_FOUND' },
  // evidence reads
  {
    what: 'evidence: bad sensitivity',
    path: '/api/evidence?sensitivity=secret',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'evidence: search too long',
    path: `/api/evidence?q=${big(300)}`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  { what: 'evidence: unknown item', path: '/api/evidence/EV-999999', status: 404, code: 'NOT_FOUND' },
  {
    what: 'evidence: traversal in id',
    path: '/api/evidence/..%2F..%2Fsalvo.db/content',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'evidence: unknown custody',
    path: '/api/evidence/EV-999999/custody',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'evidence: unknown content',
    path: '/api/evidence/EV-999999/content',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'thumbnail: unknown item',
    path: '/api/evidence/EV-999999/thumbnail',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'thumbnail: a text file has none',
    path: `/api/evidence/${item}/thumbnail`,
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'thumbnail: traversal in id',
    path: '/api/evidence/..%2F..%2Fsalvo.db/thumbnail',
    status: 400,
    code: 'INVALID_INPUT',
  },
  // evidence upload
  {
    what: 'upload: traversal in file name',
    method: 'POST',
    path: `/api/evidence?incident=${INCIDENT}&fileName=${encodeURIComponent('../../etc/passwd')}`,
    body: 'x',
    type: 'application/octet-stream',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'upload: backslash path',
    method: 'POST',
    path: `/api/evidence?incident=${INCIDENT}&fileName=${encodeURIComponent('..\\..\\boot.ini')}`,
    body: 'x',
    type: 'application/octet-stream',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'upload: NUL in name',
    method: 'POST',
    path: `/api/evidence?incident=${INCIDENT}&fileName=a%00b.txt`,
    body: 'x',
    type: 'application/octet-stream',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'upload: unknown incident',
    method: 'POST',
    path: '/api/evidence?incident=NOPE&fileName=a.txt',
    body: 'x',
    type: 'application/octet-stream',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'upload: bad sensitivity',
    method: 'POST',
    path: `/api/evidence?incident=${INCIDENT}&fileName=a.txt&sensitivity=top`,
    body: 'x',
    type: 'application/octet-stream',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'upload: empty body',
    method: 'POST',
    path: `/api/evidence?incident=${INCIDENT}&fileName=a.txt`,
    body: '',
    type: 'application/octet-stream',
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'upload: oversized',
    method: 'POST',
    path: `/api/evidence?incident=${INCIDENT}&fileName=a.txt`,
    body: big(8192),
    type: 'application/octet-stream',
    status: 413,
    code: 'TOO_LARGE',
  },
  {
    what: 'upload: bad capturedAt',
    method: 'POST',
    path: `/api/evidence?incident=${INCIDENT}&fileName=a.txt&capturedAt=noon`,
    body: 'x',
    type: 'application/octet-stream',
    status: 400,
    code: 'INVALID_INPUT',
  },
  // custody events
  {
    what: 'custody: malformed JSON',
    method: 'POST',
    path: `/api/evidence/${item}/custody`,
    body: '{"event":',
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'custody: wrong type',
    method: 'POST',
    path: `/api/evidence/${item}/custody`,
    body: '{"event":"annotated","note":42}',
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'custody: unknown event',
    method: 'POST',
    path: `/api/evidence/${item}/custody`,
    body: '{"event":"destroyed"}',
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'custody: extra field',
    method: 'POST',
    path: `/api/evidence/${item}/custody`,
    body: '{"event":"annotated","note":"n","admin":true}',
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'custody: not JSON type',
    method: 'POST',
    path: `/api/evidence/${item}/custody`,
    body: 'event=annotated',
    type: 'text/plain',
    status: 415,
    code: 'UNSUPPORTED',
  },
  {
    what: 'custody: oversized',
    method: 'POST',
    path: `/api/evidence/${item}/custody`,
    body: JSON.stringify({ event: 'annotated', note: big(70_000) }),
    type: J,
    status: 413,
    code: 'TOO_LARGE',
  },
  {
    what: 'custody: seal a digital item',
    method: 'POST',
    path: `/api/evidence/${item}/custody`,
    body: '{"event":"sealed","seal":"S-1"}',
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'custody: transfer to nobody',
    method: 'POST',
    path: `/api/evidence/${item}/custody`,
    body: '{"event":"transferred","to":"no such actor"}',
    type: J,
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'custody: bad at',
    method: 'POST',
    path: `/api/evidence/${item}/custody`,
    body: '{"event":"annotated","note":"n","at":"tomorrow"}',
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'custody: unknown item',
    method: 'POST',
    path: '/api/evidence/EV-999999/custody',
    body: '{"event":"annotated","note":"n"}',
    type: J,
    status: 404,
    code: 'NOT_FOUND',
  },
  // grants
  {
    what: 'grant: malformed JSON',
    method: 'POST',
    path: `/api/evidence/${item}/grants`,
    body: '{',
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'grant: unknown user',
    method: 'POST',
    path: `/api/evidence/${item}/grants`,
    body: '{"user":"nobody","reason":"r"}',
    type: J,
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'grant: unknown item',
    method: 'POST',
    path: '/api/evidence/EV-999999/grants',
    body: '{"user":"viewer-1","reason":"r"}',
    type: J,
    status: 404,
    code: 'NOT_FOUND',
  },
  // accounts
  {
    what: 'login: malformed JSON',
    method: 'POST',
    path: '/api/auth/login',
    body: '{"user":',
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'login: wrong types',
    method: 'POST',
    path: '/api/auth/login',
    body: '{"user":1,"password":[]}',
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'login: SQL in user',
    method: 'POST',
    path: '/api/auth/login',
    body: JSON.stringify({ user: "admin' --", password: 'x' }),
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'login: wrong password',
    method: 'POST',
    path: '/api/auth/login',
    body: JSON.stringify({ user: 'admin-1', password: 'wrong' }),
    type: J,
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    what: 'users: bad role',
    method: 'POST',
    path: '/api/users',
    body: JSON.stringify({ name: 'x', role: 'root', password: 'long enough password' }),
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'users: short password',
    method: 'POST',
    path: '/api/users',
    body: JSON.stringify({ name: 'x', role: 'viewer', password: 'short' }),
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'users: traversal in name',
    method: 'POST',
    path: '/api/users',
    body: JSON.stringify({ name: '../admin', role: 'viewer', password: 'long enough password' }),
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'users: duplicate',
    method: 'POST',
    path: '/api/users',
    body: JSON.stringify({ name: 'viewer-1', role: 'viewer', password: 'long enough password' }),
    type: J,
    status: 409,
    code: 'CONFLICT',
  },
  {
    what: 'users: oversized',
    method: 'POST',
    path: '/api/users',
    body: JSON.stringify({ name: 'x', role: 'viewer', password: big(70_000) }),
    type: J,
    status: 413,
    code: 'TOO_LARGE',
  },
  {
    what: 'disable: unknown user',
    method: 'POST',
    path: '/api/users/nobody/disable',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'disable: bad name',
    method: 'POST',
    path: `/api/users/${encodeURIComponent("x'; --")}/disable`,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'tokens: wrong type',
    method: 'POST',
    path: '/api/tokens',
    body: '{"label":"x","expiresInDays":"soon"}',
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  {
    what: 'tokens: malformed JSON',
    method: 'POST',
    path: '/api/tokens',
    body: 'nope',
    type: J,
    status: 400,
    code: 'INVALID_INPUT',
  },
  { what: 'access log: bad limit', path: '/api/access-log?limit=-1', status: 400, code: 'INVALID_INPUT' },
  {
    what: 'access log: traversal item',
    path: '/api/access-log?item=..%2F',
    status: 400,
    code: 'INVALID_INPUT',
  },
  // unknown endpoints and methods
  { what: 'unknown endpoint', path: '/api/../../etc/passwd', status: 404, code: 'NOT_FOUND' },
  { what: 'wrong method', method: 'DELETE', path: '/api/incidents', status: 404, code: 'NOT_FOUND' },
  { what: 'bad bearer token', path: '/api/incidents', status: 401, code: 'UNAUTHENTICATED' },
];

const TABLES = [
  'incidents',
  'analysis_runs',
  'trace_components',
  'attack_reports',
  'evidence_items',
  'evidence_events',
  'evidence_keys',
  'users',
  'api_tokens',
  'web_sessions',
  'evidence_grants',
] as const;

for (const { engine, skip } of await engines()) {
  describe.skipIf(skip !== undefined)(`issue-6: bad input at every endpoint on ${engine}`, () => {
    let w: World;
    let admin: Caller;
    beforeAll(async () => {
      w = await buildWorld(engine, { maxUploadBytes: 4096 });
      // The admin is also a custodian of every item (custody writes need a grant for sealed ones only).
      admin = w.callers.find((c) => c.name === 'admin-1')!;
    });
    afterAll(async () => w?.cleanup());

    const counts = async () => {
      const out: Record<string, number> = {};
      for (const t of TABLES) {
        const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(
          w.es.store.db,
        );
        out[t] = Number(r.rows[0]!.n);
      }
      return out;
    };

    it('answers each with a 4xx and its stable code, writes nothing, shows no stack trace', async () => {
      const before = await counts();
      const failures: string[] = [];
      for (const b of BAD) {
        const caller =
          b.what === 'bad bearer token' ? { ...admin, token: 'salvo_AAAAAAAAAAAA_' + 'A'.repeat(43) } : admin;
        const init: RequestInit = { method: b.method ?? 'GET' };
        if (b.body !== undefined) init.body = b.body;
        if (b.type) init.headers = { 'content-type': b.type };
        const res = await w.req(caller, b.path, init);
        const text = await res.text();
        let code: string | undefined;
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
        } catch {
          code = undefined;
        }
        if (res.status !== b.status || code !== b.code)
          failures.push(
            `${b.what}: ${res.status} ${code} (want ${b.status} ${b.code}) ${text.slice(0, 160)}`,
          );
        if (/\bat .+\.(ts|js):\d+/.test(text) || /node_modules|\/src\//.test(text))
          failures.push(`${b.what}: stack trace or source path in the answer`);
      }
      expect(failures).toEqual([]);
      expect(await counts()).toEqual(before);
      expect(readdirSync(join(w.es.dir, 'spool')).filter((f) => f.startsWith('upload-'))).toEqual([]);
    });

    it('treats SQL metacharacters in a search as literal text', async () => {
      const before = await counts();
      for (const q of ["%' OR '1'='1", '%', '_', "'; DROP TABLE evidence_items; --", '\\']) {
        const res = await w.req(admin, `/api/evidence?q=${encodeURIComponent(q)}`);
        expect(res.status).toBe(200);
        expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
      }
      expect(await counts()).toEqual(before);
    });

    it('a JSON route refuses a body without a content type', async () => {
      const res = await w.req(admin, '/api/tokens', { method: 'POST', body: '{"label":"x"}' });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });
  });
}
