import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { IncidentQuery } from '../../src/contract/index.js';
import { annotateItem } from '../../src/evidence/services/annotate-item.js';
import { verifyStore } from '../../src/evidence/services/verify-store.js';
import { accountStore } from '../../src/infra/auth/account-store.js';
import { scopedEvidence } from '../../src/infra/auth/scoped-evidence.js';
import { ANONYMOUS, type Principal } from '../../src/infra/auth/roles.js';
import { nodeSignatureVerifier } from '../../src/infra/evidence/node-crypto.js';
import { kyselyEvidenceRepository } from '../../src/infra/evidence/kysely-evidence-repository.js';
import { registryStore } from '../../src/infra/registry/kysely-registry-store.js';
import { registryQueries } from '../../src/infra/registry/registry-queries.js';
import { statsQueries } from '../../src/infra/registry/stats-queries.js';
import { computeStats } from '../../src/registry/services/stats.js';
import type { IncidentDraft } from '../../src/registry/model/incident.js';
import { seededRng } from '../../src/kernel/index.js';
import { engines } from '../helpers/engines.js';
import { buildWorld, INCIDENT, maySee, SENSITIVITIES, type World } from './world.js';

/**
 * issue-6: ONE shared repository suite, run against SQLite and PostgreSQL alike (DESIGN.md): the registry
 * store and its queries (spatial index included), statistics, accounts, sensitivity-scoped evidence reads and
 * concurrent custody writes.
 */
const q = (o: Record<string, string>) => IncidentQuery.parse(o);

function synthetic(n: number, seed: number): IncidentDraft[] {
  const rng = seededRng(seed);
  const rnd = () => rng.next();
  const outcomes = ['impact', 'airburst', 'deviated', 'intercepted', 'unknown'] as const;
  return Array.from({ length: n }, (_, i) => {
    const t = Date.UTC(2023, 0, 1) + Math.floor(rnd() * 730 * 86_400_000);
    const located = rnd() > 0.1;
    return {
      id: `SYN-${seed}-${i}`,
      sourceLine: i + 2,
      occurredAtUtc: new Date(t).toISOString(),
      occurredAtRaw: new Date(t).toISOString(),
      lat: located ? 44 + rnd() * 8 : null,
      lon: located ? 22 + rnd() * 18 : null,
      locationPrecisionM: 100,
      targetRegionIso: rnd() > 0.5 ? 'UA-63' : 'UA-23',
      targetRegionRaw: '',
      launchRegionIso: 'RU-BEL',
      launchRegionRaw: '',
      launchLat: null,
      launchLon: null,
      modelClaimedRaw: '',
      modelClaimedId: null,
      outcome: outcomes[Math.floor(rnd() * outcomes.length)]!,
      debrisRecovered: null,
      identifiedType: null,
      killed: null,
      injured: null,
      sourceUrl: '',
      notes: '',
      contentSha256: `${i}`,
    };
  });
}

for (const { engine, skip } of await engines()) {
  describe.skipIf(skip !== undefined)(`issue-6: shared repository suite on ${engine}`, () => {
    if (skip) it.skip(skip, () => undefined);
    let w: World;
    let drafts: IncidentDraft[];
    beforeAll(async () => {
      w = await buildWorld(engine);
      drafts = synthetic(600, 7);
      await registryStore(w.es.store).inImportTransaction(async (s) => {
        await s.recordSource({
          id: 'src_synthetic',
          kind: 'incidents',
          fileName: 'synthetic.csv',
          sha256: 'f'.repeat(64),
          sizeBytes: 1,
          importer: 'test',
          importerVersion: '1',
          importedAt: '2024-01-01T00:00:00.000Z',
          rowsRead: drafts.length,
          rowsImported: drafts.length,
          rowsRejected: 0,
        });
        expect((await s.writeIncidents('src_synthetic', drafts)).inserted).toBe(drafts.length);
      });
    });
    afterAll(async () => w?.cleanup());

    it('bbox + time queries return exactly the incidents inside (spatial index, exact re-check)', async () => {
      const rq = registryQueries(w.es.store.db, w.es.store.engine);
      const boxes = [
        ['30,46,40,52', '2023-03-01', '2023-09-30'],
        ['22,44,23,45', undefined, undefined],
        ['35.5,48.25,36.75,50', '2024-01-01T00:00:00Z', undefined],
        ['-10,0,0,10', undefined, undefined],
      ] as const;
      for (const [bbox, from, to] of boxes) {
        const [west, south, east, north] = bbox.split(',').map(Number) as [number, number, number, number];
        const query = q({ bbox, ...(from ? { from } : {}), ...(to ? { to } : {}), limit: '500' });
        const want = drafts
          .filter(
            (d) =>
              d.lat !== null &&
              d.lon !== null &&
              d.lon >= west &&
              d.lon <= east &&
              d.lat >= south &&
              d.lat <= north &&
              (query.from === undefined || d.occurredAtUtc >= query.from) &&
              (query.to === undefined || d.occurredAtUtc < query.to),
          )
          .map((d) => d.id)
          .sort();
        const got = (await rq.listIncidents(query)).items
          .map((i) => i.id)
          .filter((id) => id.startsWith('SYN-'))
          .sort();
        expect(got, bbox).toEqual(want);
      }
    });

    it('bbox + time pages (the in-index page on SQLite) cover the matches exactly once, both directions', async () => {
      const rq = registryQueries(w.es.store.db, w.es.store.engine);
      const want = drafts
        .filter(
          (d) =>
            d.lat !== null &&
            d.lon !== null &&
            d.lon >= 25 &&
            d.lon <= 35 &&
            d.lat >= 45 &&
            d.lat <= 50 &&
            d.occurredAtUtc >= '2023-06-01T00:00:00.000Z',
        )
        .sort((a, b) => a.occurredAtUtc.localeCompare(b.occurredAtUtc) || a.id.localeCompare(b.id))
        .map((d) => d.id);
      expect(want.length).toBeGreaterThan(30);
      for (const sort of ['occurred_at', '-occurred_at']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await rq.listIncidents(
            q({ bbox: '25,45,35,50', from: '2023-06-01', sort, limit: '7', ...(cursor ? { cursor } : {}) }),
          );
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        const synthetic = seen.filter((id) => id.startsWith('SYN-')); // the demo incidents are there too
        expect(synthetic).toEqual(sort === 'occurred_at' ? want : [...want].reverse());
      }
    });

    it('keyset pages cover every row exactly once, in order, both directions', async () => {
      const rq = registryQueries(w.es.store.db, w.es.store.engine);
      for (const sort of ['occurred_at', '-occurred_at', 'id', '-id']) {
        const seen: string[] = [];
        const times: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await rq.listIncidents(q({ sort, limit: '97', ...(cursor ? { cursor } : {}) }));
          seen.push(...page.items.map((i) => i.id));
          times.push(...page.items.map((i) => (sort.endsWith('id') ? i.id : i.occurredAt)));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(drafts.length + 18);
        const sorted = [...times].sort();
        expect(times).toEqual(sort.startsWith('-') ? sorted.reverse() : sorted);
      }
    });

    it('filters by outcome, region, model and time; reports by model and region', async () => {
      const rq = registryQueries(w.es.store.db, w.es.store.engine);
      const got = await rq.listIncidents(q({ outcome: 'airburst,deviated', region: 'UA-63', limit: '500' }));
      const want = drafts.filter(
        (d) => ['airburst', 'deviated'].includes(d.outcome) && d.targetRegionIso === 'UA-63',
      );
      expect(got.items.filter((i) => i.id.startsWith('SYN-')).length).toBe(want.length);
      expect(
        got.items.every((i) => ['airburst', 'deviated'].includes(i.outcome) && i.targetRegion === 'UA-63'),
      ).toBe(true);
      const kn23 = await rq.listIncidents(q({ model: 'KN-23', limit: '500' }));
      expect(kn23.items.length).toBeGreaterThan(0);
      expect(kn23.items.every((i) => (i.identifiedType ?? i.modelClaimed) === 'hwasong-11ga')).toBe(true);
      const reports = await rq.listReports({ sort: 'time_start', limit: 500, region: 'UA-63' });
      expect(reports.items.length).toBeGreaterThan(0);
      expect(reports.items.every((r) => r.places.some((p) => p.iso === 'UA-63'))).toBe(true);
      const one = await rq.getReport(reports.items[0]!.id);
      expect(one).toEqual(reports.items[0]);
      const iskander = await rq.listReports({ sort: '-time_start', limit: 500, model: 'Iskander-M' });
      expect(iskander.items.every((r) => r.modelId === 'iskander-m')).toBe(true);
    });

    it('statistics agree with the rows', async () => {
      const s = await computeStats(statsQueries(w.es.store.db), {}, 'month');
      expect(s.incidents.total.count).toBe(drafts.length + 18);
      expect(s.incidents.groups.reduce((a, g) => a + g.count, 0)).toBe(drafts.length + 18);
    });

    it('an import transaction rolls back whole, and no other query runs inside it', async () => {
      const store = w.es.store;
      const reg = registryStore(store);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let inside!: () => void;
      const started = new Promise<void>((r) => (inside = r));
      const tx = reg
        .inImportTransaction(async (s) => {
          await s.recordSource({
            id: 'src_doomed',
            kind: 'incidents',
            fileName: 'doomed.csv',
            sha256: 'e'.repeat(64),
            sizeBytes: 1,
            importer: 'test',
            importerVersion: '1',
            importedAt: '2024-01-01T00:00:00.000Z',
            rowsRead: 0,
            rowsImported: 0,
            rowsRejected: 0,
          });
          inside();
          await gate;
          throw new Error('import failed half-way');
        })
        .catch((e: Error) => e.message);
      await started;
      // Another request meanwhile: a write and a read. They must not join the import's transaction.
      const otherWrite = accountStore(store.db).addUser({ name: 'during-import', role: 'viewer' });
      const otherRead = store.db.selectFrom('sources').select('id').where('id', '=', 'src_doomed').execute();
      setTimeout(release, 50);
      expect(await tx).toBe('import failed half-way');
      expect(await otherRead).toEqual([]);
      await otherWrite;
      expect(await accountStore(store.db).findUser('during-import')).toBeDefined();
      expect(await reg.findSourceBySha256('e'.repeat(64))).toBeUndefined();
    });

    it('identical published rows: the k-th copy in a file is stored as ID#k, so a newer file adds only the extra copies', async () => {
      const [head, , row] = readFileSync('demo/data/airforce-sample.csv', 'utf8').split('\n');
      // A row no other import has: a distinct source reference.
      const line = row!.replace(/,([^,]*)$/, ',$1?identical-rows-test');
      const copies = (k: number, extra = '') =>
        [head, ...Array<string>(k).fill(line)].join('\n') + '\n' + extra;
      const run = async (name: string, text: string) => {
        const f = join(w.es.dir, name);
        writeFileSync(f, text);
        const out: string[] = [];
        const code = await main(['--db', w.es.url, '--json', 'import', 'airforce', f], {
          out: (x) => void out.push(x),
          err: () => undefined,
          interactive: false,
        });
        expect(code).toBe(0);
        return JSON.parse(out.join('')) as { recordsWritten: number; duplicates: number };
      };
      const ids = async () =>
        (
          await w.es.store.db
            .selectFrom('attack_reports')
            .select('id')
            .where('source_ref', 'like', '%identical-rows-test')
            .execute()
        )
          .map((r) => r.id)
          .sort();
      expect(await run('two.csv', copies(2))).toMatchObject({ recordsWritten: 2, duplicates: 0 });
      const [base] = await ids();
      expect(await ids()).toEqual([base, `${base}#1`]);
      // A newer file with three copies: the first two are the stored ones, the third is new.
      expect(await run('three.csv', copies(3, '\n'))).toMatchObject({ recordsWritten: 1, duplicates: 2 });
      expect(await ids()).toEqual([base, `${base}#1`, `${base}#2`]);
      // An older file with one copy adds nothing.
      expect(await run('one.csv', copies(1))).toMatchObject({ recordsWritten: 0, duplicates: 1 });
      expect(await ids()).toHaveLength(3);
    });

    it('accounts: tokens expire and are revoked with their user; sessions end', async () => {
      const a = accountStore(w.es.store.db);
      await a.addUser({ name: 'acc-test', role: 'analyst', password: 'long enough password' });
      await expect(a.addUser({ name: 'acc-test', role: 'viewer' })).rejects.toThrow(/exists/);
      const t = await a.createToken('acc-test', 'x');
      expect((await a.principalOfToken(t.token))?.role).toBe('analyst');
      expect(
        await a.principalOfToken(t.token.slice(0, -1) + (t.token.endsWith('A') ? 'B' : 'A')),
      ).toBeUndefined();
      await w.es.store.db
        .updateTable('api_tokens')
        .set({ expires_at: '2000-01-01T00:00:00.000Z' })
        .where('id', '=', t.id)
        .execute();
      expect(await a.principalOfToken(t.token)).toBeUndefined();
      const t2 = await a.createToken('acc-test', 'y', 30);
      expect(await a.login('acc-test', 'long enough password')).toBeDefined();
      expect(await a.login('acc-test', 'wrong password!')).toBeUndefined();
      const s = await a.createSession((await a.findUser('acc-test'))!.id, 1);
      expect((await a.session(s.cookie))?.principal.name).toBe('acc-test');
      await a.setDisabled('acc-test', true);
      expect(await a.principalOfToken(t2.token)).toBeUndefined();
      expect(await a.session(s.cookie)).toBeUndefined();
      expect(await a.login('acc-test', 'long enough password')).toBeUndefined();
    });

    it('evidence reads are scoped in the query: lists, counts, details, custody', async () => {
      const ev = scopedEvidence(w.es.store.db);
      for (const c of w.callers) {
        const p: Principal =
          c.role === 'anonymous'
            ? ANONYMOUS
            : {
                userId: (await accountStore(w.es.store.db).findUser(c.name))!.id,
                name: c.name,
                role: c.role,
                via: 'token',
              };
        const asViewer = c.role === 'anonymous' ? { ...c, role: 'viewer' as const } : c; // anonymous = public only
        const want = SENSITIVITIES.filter((s) => maySee(asViewer, s)).map((s) => w.items[s].id);
        const listed = (await ev.list(p, { sort: 'id', limit: 500 })).items.map((i) => i.id);
        expect(listed.filter((id) => Object.values(w.items).some((i) => i.id === id)).sort(), c.name).toEqual(
          want.sort(),
        );
        for (const s of SENSITIVITIES) {
          expect((await ev.get(p, w.items[s].id)) !== undefined, `${c.name} ${s}`).toBe(maySee(asViewer, s));
          expect((await ev.custody(p, w.items[s].id)) !== undefined).toBe(maySee(asViewer, s));
        }
        // A text item, a photo and a fragment of each sensitivity (world.ts).
        expect((await ev.ofIncident(p, INCIDENT)).length).toBe(3 * want.length);
      }
    });

    it('the evidence repository with a read scope hides items in its own queries, writes included', async () => {
      const ed = w.deps.evidenceDeps;
      const custodian = (await accountStore(w.es.store.db).findUser('custodian-1'))!;
      const repo = kyselyEvidenceRepository(w.es.store.db, { userId: custodian.id, restricted: true });
      expect(await repo.getItem(w.items.sealed.id)).toBeUndefined();
      expect(await repo.eventRowsOfItem(w.items.sealed.id)).toEqual([]);
      expect(await repo.itemIds()).not.toContain(w.items.sealed.id);
      expect((await repo.listItems({})).map((i) => i.id)).not.toContain(w.items.sealed.id);
      await expect(
        annotateItem(
          { ...ed, repo },
          { item: w.items.sealed.id, actor: 'custodian-1', note: 'should not land' },
        ),
      ).rejects.toThrow(/no evidence item/);
      const viewer = kyselyEvidenceRepository(w.es.store.db, { userId: null, restricted: false });
      expect((await viewer.listItems({})).every((i) => i.sensitivity === 'public')).toBe(true);
      const whole = kyselyEvidenceRepository(w.es.store.db);
      expect(await whole.getItem(w.items.sealed.id)).toBeDefined();
    });

    it('concurrent custody writes (no queue: the engine serialises them): none lost, the log verifies', async () => {
      const ed = w.deps.evidenceDeps;
      const before = await ed.repo.logSize();
      const n = 30;
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          annotateItem(ed, {
            item: w.items[i % 2 ? 'restricted' : 'public'].id,
            actor: 'custodian-1',
            note: `note ${i}`,
          }),
        ),
      );
      expect(new Set(results.map((r) => r.record.index)).size).toBe(n);
      expect(await ed.repo.logSize()).toBe(before + n);
      const report = await verifyStore({ ...ed, verifier: nodeSignatureVerifier() });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    });
  });
}
