/**
 * Publishing benchmark (issue 8). Run: npx tsx bench/report.bench.ts [--exhibits N] [--runs R] [--no-pdf]
 *
 * A fixed store (test/reports/fixture.ts) with an incident of N + 5 evidence items (N public documents added
 * to the fixture's five), each with its custody events, a checkpoint over the whole log, a stored
 * reconstruction and finding. Measured, end to end from the store as `salvo report incident` does it:
 * building the dossier (queries, custody, Merkle inclusion proofs, redaction, canonical JSON and hash) and
 * rendering HTML (with the four SVG figures) and Markdown; then, once, the PDF through headless Chromium.
 * Goal: report generation for an incident with 100 exhibits < 5 s.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromiumPath, htmlToPdf } from '../src/infra/reports/pdf.js';
import { reportHasher, reportSources } from '../src/infra/reports/report-source.js';
import { buildDossier, renderDossierHtml, renderDossierMarkdown } from '../src/reports/index.js';
import { buildFixture, GENERATED_AT, GENERATOR, POL } from '../test/reports/fixture.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const EXTRA = arg('--exhibits', 100);
const RUNS = arg('--runs', 5);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(0)} ms`;

console.log(
  `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
let t = performance.now();
const fx = await buildFixture({ extraExhibits: EXTRA });
console.log(`fixture: ${EXTRA + 5} evidence items built in ${ms(performance.now() - t)} (not timed below)`);
try {
  const build = [];
  const html = [];
  const md = [];
  let last: { bytes: number; exhibits: number; sha: string; text: string } | undefined;
  for (let r = 0; r < RUNS; r++) {
    t = performance.now();
    // a fresh source each run: nothing cached between runs (Merkle tree, catalogue)
    const res = await buildDossier(reportSources(fx.store.db).dossier, reportHasher, {
      incident: POL,
      audience: 'sealed',
      generatedAt: GENERATED_AT,
      generator: GENERATOR,
    });
    if (!res.ok) throw new Error(res.error.message);
    build.push(performance.now() - t);
    t = performance.now();
    const text = renderDossierHtml(res.value);
    html.push(performance.now() - t);
    t = performance.now();
    renderDossierMarkdown(res.value);
    md.push(performance.now() - t);
    last = {
      bytes: Buffer.byteLength(text),
      exhibits: res.value.dossier.exhibits.length,
      sha: res.value.sha256,
      text,
    };
  }
  const total = median(build) + median(html) + median(md);
  console.log(
    `dossier of ${last!.exhibits} exhibits, ${RUNS} runs (median): build ${ms(median(build))}, HTML ${ms(median(html))} (${(last!.bytes / 1e6).toFixed(2)} MB), Markdown ${ms(median(md))}`,
  );
  console.log(
    `HTML + Markdown end to end: ${ms(total)} (goal < 5000 ms: ${total < 5000 ? 'met' : 'NOT met'})`,
  );
  if (!process.argv.includes('--no-pdf')) {
    if (!existsSync(chromiumPath())) console.log(`PDF: skipped (no Chromium at ${chromiumPath()})`);
    else {
      t = performance.now();
      const pdf = await htmlToPdf(last!.text, { documentHash: last!.sha, header: 'benchmark' });
      const p = performance.now() - t;
      console.log(
        `PDF through headless Chromium (launch included): ${ms(p)}, ${(pdf.byteLength / 1e6).toFixed(2)} MB; build + HTML + PDF ${ms(median(build) + median(html) + p)} (goal < 5000 ms: ${median(build) + median(html) + p < 5000 ? 'met' : 'NOT met'})`,
      );
    }
  }
} finally {
  await fx.cleanup();
}
