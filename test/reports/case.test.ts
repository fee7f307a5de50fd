import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/evidence/model/canonical.js';
import { reportHasher, reportSources } from '../../src/infra/reports/report-source.js';
import {
  buildCaseDossier,
  buildDossier,
  renderCaseHtml,
  renderCaseMarkdown,
  verifyDossierHtml,
  type Audience,
  type CaseOptions,
  type HashedCaseDossier,
} from '../../src/reports/index.js';
import { wilsonInterval } from '../../src/statistics/intervals.js';
import { runCli } from '../helpers/cli.js';
import {
  buildFixture,
  GENERATED_AT,
  GENERATOR,
  KHK,
  POL,
  notPublicIdentifiers,
  type Fixture,
} from './fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
});
afterAll(async () => {
  await fx.cleanup();
});

const FROM = '2024-01-01T00:00:00.000Z';
const TO = '2024-03-01T00:00:00.000Z';
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

async function build(audience: Audience, extra: Partial<CaseOptions> = {}) {
  return buildCaseDossier(reportSources(fx.store.db).case, reportHasher, {
    from: FROM,
    to: TO,
    audience,
    generatedAt: GENERATED_AT,
    generator: GENERATOR,
    ...extra,
  });
}

async function caseOf(audience: Audience, extra: Partial<CaseOptions> = {}): Promise<HashedCaseDossier> {
  const r = await build(audience, extra);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('case dossier (issue 8: the case-level report)', () => {
  it('renders the fixed store to the same HTML and Markdown (snapshots)', async () => {
    const h = await caseOf('restricted', { launches: 10 });
    await expect(renderCaseHtml(h)).toMatchFileSnapshot('__snapshots__/case-restricted.html.snap');
    await expect(renderCaseMarkdown(h)).toMatchFileSnapshot('__snapshots__/case-restricted.md.snap');
  });

  it('hashes its canonical JSON, and records for each incident the hash of that incident’s own dossier', async () => {
    const h = await caseOf('restricted');
    expect(h.sha256).toBe(sha(canonicalJson(h.dossier)));
    expect((await caseOf('restricted')).sha256).toBe(h.sha256);
    expect(h.dossier.incidents.map((i) => [i.ref, i.incident.id])).toEqual([
      ['I1', POL],
      ['I2', KHK],
    ]);
    for (const i of h.dossier.incidents) {
      const own = await buildDossier(reportSources(fx.store.db).dossier, reportHasher, {
        incident: i.incident.id,
        audience: 'restricted',
        generatedAt: GENERATED_AT,
        generator: GENERATOR,
      });
      if (!own.ok) throw new Error(own.error.message);
      expect(i.dossierSha256).toBe(own.value.sha256);
      // The case's exhibits are the incident dossier's, refs prefixed: I1.E1 is E1 there.
      expect(i.exhibits.map((x) => [x.ref, x.id, x.sha256])).toEqual(
        own.value.dossier.exhibits.map((x) => [`${i.ref}.${x.ref}`, x.id, x.sha256]),
      );
    }
  });

  it('links every finding to exhibits, runs and provisions that exist in the case', async () => {
    const { dossier: d } = await caseOf('restricted');
    const exhibitRefs = new Set(d.incidents.flatMap((i) => i.exhibits.map((x) => x.ref)));
    const provisionRefs = new Set(d.provisions.map((p) => p.ref));
    const statements = [...d.statements, ...d.incidents.flatMap((i) => i.statements)];
    for (const s of statements) {
      for (const x of s.exhibits) expect(exhibitRefs.has(x), `${s.ref} -> ${x}`).toBe(true);
      for (const p of s.provisions) expect(provisionRefs.has(p), `${s.ref} -> ${p}`).toBe(true);
    }
    // Provisions cited by several incidents appear once.
    expect(d.provisions.map((p) => p.ref)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    const type = d.statements.find((s) => s.text.includes('leading identification'))!;
    expect(type.text).toContain('In 1 of 2 incident(s) the leading identification is Hwasong-11Ga (KN-23)');
    expect(type.text).toContain('I1 about as likely as not (0.56)');
    expect(type.runs).toEqual(['find_fixture_id']);
    const frag = d.incidents[0]!.exhibits.find((x) => x.id === fx.items.fragment)!.ref;
    expect(type.exhibits).toContain(frag);
    expect(
      d.statements.find((s) => s.text.startsWith('1 incident(s) have no identification'))!.text,
    ).toContain('I2');
    const launch = d.statements.find((s) => s.text.startsWith('Launch points are estimated'))!;
    expect(launch.runs).toEqual(['run_fixture_rec']);
    expect(launch.exhibits).toEqual([
      d.incidents[0]!.exhibits.find((x) => x.id === fx.items.restricted)!.ref,
    ]);
  });

  it('states the failure rate of the scope with the Wilson interval of the registry statistics', async () => {
    const { dossier: d } = await caseOf('restricted', { launches: 10 });
    // The fixture: POL impact, KHK airburst -> 1 failure of 2 known outcomes.
    const t = d.statistics.total;
    expect([t.incidents, t.knownOutcomes, t.failures]).toEqual([2, 2, 1]);
    const w = wilsonInterval(1, 2, 0.95);
    expect(t.failureCi95![0]).toBeCloseTo(w.lo, 12);
    expect(t.failureCi95![1]).toBeCloseTo(w.hi, 12);
    expect(d.statistics.byTargetRegion.map((r) => [r.key, r.failures, r.knownOutcomes])).toEqual([
      ['UA-53', 0, 1],
      ['UA-63', 1, 1],
    ]);
    // 10 launches, 2 known: 8 unknown outcomes; the failure rate is bounded by 1/10 and 9/10.
    const md = d.statistics.missingData!;
    expect(md.launches).toBe(10);
    expect(md.bounds[0]).toBeCloseTo(0.1, 12);
    expect(md.bounds[1]).toBeCloseTo(0.9, 12);
    expect(d.statements.some((s) => s.text.includes('lies between 10.0 % and 90.0 %'))).toBe(true);
    expect((await caseOf('restricted')).dossier.statistics.missingData).toBeNull();
  });

  it('issue-8: a public case dossier contains no identifier of a sealed or restricted exhibit', async () => {
    const h = await caseOf('public');
    const outputs = [renderCaseHtml(h), renderCaseMarkdown(h), canonicalJson(h.dossier)];
    const forbidden = notPublicIdentifiers(fx);
    for (const text of outputs) for (const f of forbidden) expect(text).not.toContain(f);
    expect(h.dossier.edition.withheld?.items).toBe(3);
    expect(h.dossier.incidents.flatMap((i) => i.exhibits).every((x) => x.sensitivity === 'public')).toBe(
      true,
    );
  });

  it('scopes by period and type with the filter of `salvo stats --model`, and refuses empty or too-wide scopes', async () => {
    const kn23 = await caseOf('restricted', { model: 'hwasong-11ga' });
    expect(kn23.dossier.incidents.map((i) => i.incident.id)).toEqual([POL]);
    expect(kn23.dossier.statistics.total.incidents).toBe(1);
    const s300 = await caseOf('restricted', { model: 's-300' });
    expect(s300.dossier.incidents.map((i) => i.incident.id)).toEqual([KHK]);
    const feb = await caseOf('restricted', { from: '2024-02-01T00:00:00.000Z' });
    expect(feb.dossier.incidents.map((i) => i.incident.id)).toEqual([KHK]);

    const none = await build('restricted', {
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-02-01T00:00:00.000Z',
    });
    expect(none.ok || none.error.code).toBe('NOT_FOUND');
    const wide = await build('restricted', { maxIncidents: 1 });
    expect(wide.ok || wide.error.message).toMatch(
      /2 incidents are in the scope; a case dossier takes at most 1/,
    );
    const backwards = await build('restricted', { from: TO, to: FROM });
    expect(backwards.ok || backwards.error.code).toBe('INVALID_INPUT');
  });

  it('verifies offline like an incident dossier, and any edit of the embedded model is caught', async () => {
    const h = await caseOf('restricted');
    const html = renderCaseHtml(h);
    expect(verifyDossierHtml(html, reportHasher)).toMatchObject({
      ok: true,
      kind: 'case',
      computed: h.sha256,
    });
    const bad = verifyDossierHtml(html.replace('"outcome":"airburst"', '"outcome":"impact"'), reportHasher);
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatch(/the embedded model hashes to/);
  });

  it('salvo report case: --json summary, exit codes for bad input and an empty scope, report verify', async () => {
    const db = join(fx.dir, 'fixture.db');
    const reportCase = (from: string, to: string, ...more: string[]) =>
      runCli(['--db', db, 'report', 'case', '--from', from, '--to', to, ...more]);
    const out = join(fx.dir, 'case.html');
    const r = await runCli([
      '--db',
      db,
      '--json',
      'report',
      'case',
      '--from',
      '2024-01-01',
      '--to',
      '2024-02-29',
      '--public',
      '--out',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    const s = r.json<{ sha256: string; incidents: { id: string }[]; withheld: number; edition: string }>();
    expect(s).toMatchObject({ ok: true, edition: 'public', withheld: 3 });
    expect(s.incidents.map((i) => i.id)).toEqual([POL, KHK]);
    const v = await runCli(['--json', 'report', 'verify', out]);
    expect(v.code).toBe(0);
    expect(v.json()).toMatchObject({ ok: true, kind: 'case', computed: s.sha256 });
    writeFileSync(out, readFileSync(out, 'utf8').replace('"outcome":"impact"', '"outcome":"unknown"'));
    expect((await runCli(['report', 'verify', out])).code).toBe(3);

    const md = await reportCase('2024-01-01', '2024-02-29', '--format', 'md', '--generated-at', GENERATED_AT);
    expect(md.code, md.err).toBe(0);
    expect(md.out).toContain('# Case dossier: 2 incident(s) from 2024-01-01 to 2024-02-29');
    const badLaunches = await reportCase('2024-01-01', '2024-02-29', '--launches', '1.5');
    expect(badLaunches.code).toBe(2);
    expect(badLaunches.err).toContain("--launches '1.5' is not a positive whole number");
    const badDate = await reportCase('2024-13-01', '2024-02-29');
    expect(badDate.code).toBe(2);
    expect(badDate.err).toContain("--from '2024-13-01' is not a date");
    const empty = await reportCase('2020-01-01', '2020-01-31');
    expect(empty.code).toBe(4);
    const missing = await runCli(['--db', db, 'report', 'case', '--from', '2024-01-01']);
    expect(missing.code).toBe(64);
  });
});
