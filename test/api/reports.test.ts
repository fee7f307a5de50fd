import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotateItem } from '../../src/evidence/services/annotate-item.js';
import { createCheckpoint } from '../../src/evidence/services/create-checkpoint.js';
import { reportHasher, reportSources } from '../../src/infra/reports/report-source.js';
import { verifyDossierHtml } from '../../src/reports/index.js';
import { buildWorld, INCIDENT, type World } from './world.js';

/** issue-8: dossiers over HTTP, in the edition of the caller's role, verifiable, logged. */
describe('issue-8: GET /api/incidents/{id}/dossier and /api/reports/case', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld('sqlite');
  });
  afterAll(async () => w?.cleanup());
  const who = (name: string) => w.callers.find((c) => c.name === name)!;

  it('serves a self-contained HTML dossier that verifies offline, with its hash and a script-free CSP', async () => {
    const res = await w.req(who('analyst-1'), `/api/incidents/${INCIDENT}/dossier`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    const html = await res.text();
    const check = verifyDossierHtml(html, reportHasher);
    expect(check).toMatchObject({ ok: true, kind: 'incident', incident: INCIDENT, edition: 'restricted' });
    expect(res.headers.get('x-salvo-document-sha256')).toBe(check.computed);
    expect(html).toContain(w.items.restricted.id);
    expect(html).not.toContain(w.items.sealed.id);
  });

  it('gives a viewer the public edition, refuses it the restricted one, and lets an analyst ask for the public one', async () => {
    const viewer = await w.req(who('viewer-1'), `/api/incidents/${INCIDENT}/dossier?format=md`);
    expect(viewer.status).toBe(200);
    const md = await viewer.text();
    expect(md).toContain('PUBLIC EDITION');
    expect(md).not.toContain(w.items.restricted.sha256);
    const refused = await w.req(who('viewer-1'), `/api/incidents/${INCIDENT}/dossier?audience=restricted`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const asked = await w.req(
      who('analyst-1'),
      `/api/incidents/${INCIDENT}/dossier?format=json&audience=public`,
    );
    const j = (await asked.json()) as { sha256: string; dossier: { edition: { audience: string } } };
    expect(j.dossier.edition.audience).toBe('public');
    expect(j.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes the restricted exhibits a dossier shows to the access log', async () => {
    const logged = async () =>
      (
        await w.es.store.db
          .selectFrom('access_log')
          .select(['item_id', 'action'])
          .where('user_name', '=', 'custodian-1')
          .where('action', '=', 'dossier')
          .execute()
      ).map((r) => r.item_id);
    expect(await logged()).toEqual([]);
    expect((await w.req(who('custodian-1'), `/api/incidents/${INCIDENT}/dossier`)).status).toBe(200);
    const ids = await logged();
    expect(ids).toContain(w.items.restricted.id);
    expect(ids).not.toContain(w.items.public.id);
    expect(ids).not.toContain(w.items.sealed.id);
  });

  it('serves the case dossier of a period', async () => {
    const res = await w.req(who('analyst-1'), '/api/reports/case?from=2024-02-01&to=2024-02-29&launches=50');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(verifyDossierHtml(html, reportHasher)).toMatchObject({ ok: true, kind: 'case' });
    expect(html).toContain(INCIDENT);
    expect(html).toContain('Launches of unknown outcome');
  });

  it('proves inclusion against the latest checkpoint, also after the log has grown since the last dossier', async () => {
    type Proved = {
      dossier: { checkpoint: { size: number }; exhibits: { proof: { index: number; path: string[] } }[] };
    };
    const dossier = async () =>
      (await (
        await w.req(who('analyst-1'), `/api/incidents/${INCIDENT}/dossier?format=json`)
      ).json()) as Proved;
    const ed = w.deps.evidenceDeps;
    await createCheckpoint(ed, { actor: 'custodian-1' });
    const first = await dossier();
    await annotateItem(ed, { item: w.items.public.id, actor: 'custodian-1', note: 'a later event' });
    await createCheckpoint(ed, { actor: 'custodian-1' });
    const second = await dossier();
    expect(second.dossier.checkpoint.size).toBeGreaterThan(first.dossier.checkpoint.size);
    // Every proof is the one a fresh read of the log gives for the new checkpoint.
    const fresh = reportSources(w.es.store.db).dossier;
    for (const x of second.dossier.exhibits)
      expect(x.proof.path).toEqual(await fresh.inclusionProof(x.proof.index, second.dossier.checkpoint.size));
  });
});
