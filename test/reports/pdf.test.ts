import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, htmlToPdf } from '../../src/infra/reports/pdf.js';
import { reportHasher, reportSources } from '../../src/infra/reports/report-source.js';
import {
  buildCaseDossier,
  buildDossier,
  renderCaseHtml,
  renderDossierHtml,
} from '../../src/reports/index.js';
import { buildFixture, GENERATED_AT, GENERATOR, KHK, POL, SEALED, type Fixture } from './fixture.js';

const hasChromium = existsSync(chromiumPath());
if (!hasChromium)
  console.warn(
    `test/reports/pdf.test.ts: SKIPPED — no Chromium at ${chromiumPath()} (install the Debian package 'chromium'; CI does)`,
  );

async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: pdf,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    out.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await doc.destroy();
  return out;
}

describe.skipIf(!hasChromium)('PDF dossier through headless Chromium (issue 8)', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildFixture();
  });
  afterAll(async () => {
    await fx.cleanup();
  });

  it('has page numbers and the document hash on every page, and names its exhibits', async () => {
    const r = await buildDossier(reportSources(fx.store.db).dossier, reportHasher, {
      incident: POL,
      audience: 'public',
      generatedAt: GENERATED_AT,
      generator: GENERATOR,
    });
    if (!r.ok) throw new Error(r.error.message);
    const h = r.value;
    const pdf = await htmlToPdf(renderDossierHtml(h), { documentHash: h.sha256, header: 'test dossier' });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const pages = await pageTexts(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((t, k) => {
      const flat = t.replace(/\s+/g, '');
      expect(flat, `page ${k + 1} carries the document hash`).toContain(h.sha256);
      expect(t).toMatch(new RegExp(`page\\s*${k + 1}\\s*of\\s*${pages.length}`));
    });
    const all = pages.join(' ');
    for (const id of [fx.items.photo, fx.items.fragment]) expect(all).toContain(id);
    expect(all).not.toContain(SEALED.title);
    expect(all).not.toContain(fx.items.sealed);
  }, 60_000);

  it('prints a public case dossier with the hash on every page, both incidents, and no sealed item', async () => {
    const r = await buildCaseDossier(reportSources(fx.store.db).case, reportHasher, {
      from: '2024-01-01T00:00:00.000Z',
      to: '2024-03-01T00:00:00.000Z',
      launches: 10,
      audience: 'public',
      generatedAt: GENERATED_AT,
      generator: GENERATOR,
    });
    if (!r.ok) throw new Error(r.error.message);
    const h = r.value;
    const pdf = await htmlToPdf(renderCaseHtml(h), { documentHash: h.sha256, header: 'test case' });
    const pages = await pageTexts(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((t, k) => {
      expect(t.replace(/\s+/g, ''), `page ${k + 1}`).toContain(h.sha256);
      expect(t).toMatch(new RegExp(`page\\s*${k + 1}\\s*of\\s*${pages.length}`));
    });
    const all = pages.join(' ');
    for (const id of [POL, KHK, fx.items.photo]) expect(all).toContain(id);
    for (const f of [SEALED.title, fx.items.sealed, fx.items.restricted]) expect(all).not.toContain(f);
  }, 60_000);
});
