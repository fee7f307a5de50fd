import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/evidence/model/canonical.js';
import { reportHasher, reportSources } from '../../src/infra/reports/report-source.js';
import {
  buildDossier,
  renderDossierHtml,
  renderDossierMarkdown,
  verifyDossierHtml,
  type Audience,
  type HashedDossier,
} from '../../src/reports/index.js';
import {
  buildFixture,
  notPublicIdentifiers,
  GENERATED_AT,
  GENERATOR,
  POL,
  RESTRICTED,
  SEALED,
  type Fixture,
} from './fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
});
afterAll(async () => {
  await fx.cleanup();
});

async function dossier(audience: Audience, incident = POL): Promise<HashedDossier> {
  const r = await buildDossier(reportSources(fx.store.db).dossier, reportHasher, {
    incident,
    audience,
    generatedAt: GENERATED_AT,
    generator: GENERATOR,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('dossier (issue 8)', () => {
  it('renders the fixed store to the same HTML and Markdown (snapshots)', async () => {
    const h = await dossier('restricted');
    await expect(renderDossierHtml(h)).toMatchFileSnapshot('__snapshots__/dossier-restricted.html.snap');
    await expect(renderDossierMarkdown(h)).toMatchFileSnapshot('__snapshots__/dossier-restricted.md.snap');
    await expect(renderDossierMarkdown(await dossier('public'))).toMatchFileSnapshot(
      '__snapshots__/dossier-public.md.snap',
    );
  });

  it('is deterministic, and its document hash is SHA-256 of the canonical JSON of the model', async () => {
    const a = await dossier('restricted');
    const b = await dossier('restricted');
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).toBe(sha(canonicalJson(a.dossier)));
  });

  it('states findings in calibrated words tied to the numbers, each linked to its exhibits', async () => {
    const { dossier: d } = await dossier('restricted');
    const type = d.statements.find((s) => s.confidence && s.provisions.length === 0)!;
    expect(type.text).toMatch(
      /^It is about as likely as not \(posterior 0\.56\) that the object was a Hwasong-11Ga \(KN-23\)/,
    );
    const ex = (id: string) => d.exhibits.find((e) => e.id === id)!.ref;
    expect(type.exhibits).toEqual(expect.arrayContaining([ex(fx.items.fragment), ex(fx.items.photo)]));
    expect(type.runs).toEqual(['find_fixture_id', 'run_fixture_rec']);
    const legal = d.statements.find((s) => s.provisions.length > 0)!;
    expect(legal.text).toContain('S/RES/1718 (2006)');
    expect(d.provisions.map((p) => p.symbol)).toEqual([
      'S/RES/1718 (2006)',
      'S/RES/1874 (2009)',
      'S/RES/2270 (2016)',
      'S/RES/2321 (2016)',
      'S/RES/2397 (2017)',
    ]);
    // No invented wording: nothing is presented as a quotation.
    expect(d.provisions.every((p) => p.quotation === null)).toBe(true);
    const launch = d.statements.find((s) => s.text.startsWith('The flight was launched'))!;
    expect(launch.exhibits).toEqual([ex(fx.items.restricted)]);
    expect(launch.basis).toMatch(/^exact/);
    const assembly = d.statements.find((s) => s.text.startsWith('Could not have been assembled before'))!;
    expect(assembly.exhibits).toEqual([ex(fx.items.fragment)]);
  });

  it('gives each exhibit its hash, custody summary and an inclusion proof against the checkpoint', async () => {
    const { dossier: d } = await dossier('restricted');
    expect(d.checkpoint).not.toBeNull();
    for (const x of d.exhibits) {
      expect(x.custody.events).toBeGreaterThan(0);
      expect(x.proof).not.toBeNull();
      expect(x.proof!.index).toBeLessThan(d.checkpoint!.size);
    }
    const frag = d.exhibits.find((e) => e.id === fx.items.fragment)!;
    expect(frag.custody.custodian).toBe('bob');
    expect(frag.custody.excerpt.map((l) => l.event)).toEqual([
      'collected',
      'sealed',
      'transferred',
      'examined',
    ]);
    const photo = d.exhibits.find((e) => e.id === fx.items.photo)!;
    expect(photo.sha256).toBe(sha('JPEG-BYTES-OF-THE-TAIL-FRAGMENT-PHOTO'));
    expect(photo.depicts).toBe(frag.ref);
  });

  it('issue-8: a public edition contains no identifier of a sealed or restricted exhibit', async () => {
    const h = await dossier('public');
    const outputs = [renderDossierHtml(h), renderDossierMarkdown(h), canonicalJson(h.dossier)];
    const forbidden = notPublicIdentifiers(fx);
    for (const text of outputs) for (const f of forbidden) expect(text).not.toContain(f);
    expect(h.dossier.exhibits.every((x) => x.sensitivity === 'public')).toBe(true);
    expect(h.dossier.edition.withheld?.items).toBe(3);
    // The components of the sealed item do not count towards the public figures either.
    expect(h.dossier.components!.components).toHaveLength(4);
  });

  it('a restricted edition leaves sealed exhibits out and marks restricted ones; a sealed edition has all', async () => {
    const r = await dossier('restricted');
    const html = renderDossierHtml(r);
    for (const f of [
      fx.items.sealed,
      SEALED.title,
      SEALED.fileName,
      sha(SEALED.content),
      SEALED.componentMarking,
    ])
      expect(html).not.toContain(f);
    expect(html).toContain(RESTRICTED.title);
    expect(html).toContain('class="sens-restricted">RESTRICTED');
    const s = await dossier('sealed');
    const all = renderDossierHtml(s);
    expect(all).toContain(SEALED.title);
    expect(all).toContain('class="sens-sealed">SEALED');
    expect(s.dossier.edition.withheld).toBeNull();
  });

  it('embeds its model so that `report verify` can check the hash offline; an edit is caught', async () => {
    const h = await dossier('public');
    const html = renderDossierHtml(h);
    const ok = verifyDossierHtml(html, reportHasher);
    expect(ok).toMatchObject({
      ok: true,
      stated: h.sha256,
      computed: h.sha256,
      incident: POL,
      edition: 'public',
    });
    const tampered = html.replace('"outcome":"impact"', '"outcome":"intercepted"');
    expect(tampered).not.toBe(html);
    const bad = verifyDossierHtml(tampered, reportHasher);
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatch(/hashes to/);
  });

  it('an unknown incident is NOT_FOUND; an incident without analyses or evidence still renders its limits', async () => {
    const r = await buildDossier(reportSources(fx.store.db).dossier, reportHasher, {
      incident: 'NOPE',
      audience: 'public',
      generatedAt: GENERATED_AT,
      generator: GENERATOR,
    });
    expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    const bare = await dossier('public', 'TST-2024-02-07-KHK');
    expect(bare.dossier.exhibits).toEqual([]);
    expect(bare.dossier.limits.join(' ')).toContain('No flight reconstruction is stored');
    expect(renderDossierHtml(bare)).toContain('No exhibits in this edition.');
  });

  it('a detected manoeuvre (method 1.2.0) is a finding, and the limits say what the check covers', async () => {
    const before = await dossier('restricted');
    expect(before.dossier.statements.some((s) => /pull-up explains/.test(s.text))).toBe(false);
    expect(before.dossier.limits.join(' ')).toContain('ran without the manoeuvre check');
    const row = await fx.store.db
      .selectFrom('analysis_runs')
      .select(['result_json', 'method_version'])
      .where('id', '=', 'run_fixture_rec')
      .executeTakeFirstOrThrow();
    const result = JSON.parse(row.result_json) as object;
    const manoeuvre = {
      detected: true,
      statistic: 412.3,
      dof: 3,
      pValue: 1e-12,
      startS: 108.6,
      endS: 131.2,
      normalAccelMps2: 0.97,
      normalAccelSigmaMps2: 0.08,
      nominalChi2: 1500,
      nominalDof: 400,
      detail: 'fixture',
    };
    const set = (result_json: string, method_version: string) =>
      fx.store.db
        .updateTable('analysis_runs')
        .set({ result_json, method_version })
        .where('id', '=', 'run_fixture_rec')
        .execute();
    await set(JSON.stringify({ ...result, manoeuvre }), '1.2.0');
    try {
      const { dossier: d } = await dossier('restricted');
      const f = d.statements.find((s) => /pull-up explains/.test(s.text))!;
      expect(f.text).toContain('0.97 ± 0.08 m/s² normal acceleration from about 109 s to 131 s after launch');
      expect(f.text).toContain('statistic 412.3');
      expect(f.runs).toEqual(['run_fixture_rec']);
      expect(d.limits.join(' ')).toContain('The manoeuvre check models one pull-up segment');
      expect(d.limits.join(' ')).not.toContain('ran without the manoeuvre check');
    } finally {
      await set(row.result_json, row.method_version);
    }
  });
});
