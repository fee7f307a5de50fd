import { formatProbability } from '../confidence.js';
import { ellipseText, escapeMd as m, latLon, percent, utc } from '../format.js';
import type { CaseRate, HashedCaseDossier } from '../model.js';
import {
  checkpointMd,
  code,
  dash,
  mdTable,
  methodologyMd,
  provisionsMd,
  statementMd,
} from './markdown-dossier.js';
import { caseVerificationSteps } from './verification-text.js';

const rate = (r: CaseRate): string =>
  r.failureRate === null || !r.failureCi95
    ? '—'
    : `${percent(r.failureRate)} (${percent(r.failureCi95[0])} to ${percent(r.failureCi95[1])})`;

/** The case dossier as Markdown (figures are in the HTML and PDF editions). */
export function renderCaseMarkdown(h: HashedCaseDossier): string {
  const d = h.dossier;
  const s = d.statistics;
  const out: string[] = [];
  out.push(`# ${m(d.title)}`, '', `> **${m(d.edition.label)}**`, '');
  out.push(`Document SHA-256: ${code(h.sha256)}  `);
  out.push(
    `Generated ${d.generatedAt} by ${m(d.generator.name)} ${m(d.generator.version)}. Forensic analysis of past events. Scope: incidents from ${d.scope.from} to ${d.scope.to} (exclusive)${d.scope.model ? `, type ${code(d.scope.model)}` : ''}${d.scope.launches !== null ? `; ${d.scope.launches} launches known from elsewhere` : ''}.`,
  );
  if (d.edition.withheld) out.push('', m(d.edition.withheld.note));
  out.push('', '## 1. Summary of findings across the case', '', ...d.statements.map(statementMd));
  out.push('', `_${m(d.methodology.confidenceNote)}_`, '', '## 2. The incidents', '');
  out.push(
    mdTable(
      [
        'ref',
        'incident',
        'time',
        'target region',
        'reported as',
        'outcome',
        'identified as',
        'launch estimate (95 %)',
        'exhibits',
      ],
      d.incidents.map((i) => [
        i.ref,
        code(i.incident.id),
        utc(i.incident.occurredAt),
        `${dash(i.incident.targetRegion.name ?? i.incident.targetRegion.raw)}${i.incident.targetRegion.iso ? ` (${i.incident.targetRegion.iso})` : ''}`,
        dash(i.incident.modelClaimedRaw),
        m(i.incident.outcome),
        i.identification?.top
          ? `${m(i.identification.top.name)}: ${m(i.identification.confidence?.words ?? '')} (${formatProbability(i.identification.top.posterior)})`
          : '—',
        i.reconstruction
          ? `${latLon(i.reconstruction.launch.lat, i.reconstruction.launch.lon)}; ${ellipseText(i.reconstruction.launch.ellipse95)}${i.reconstruction.breakupDetected ? '; breakup' : ''}`
          : '—',
        `${i.exhibits.length}${i.withheld ? ` (+${i.withheld} withheld)` : ''}`,
      ]),
    ),
  );
  out.push('', '## 3. Statistics', '');
  out.push(
    mdTable(
      [
        'group',
        'incidents',
        'known outcome',
        'failed in flight',
        'failure rate (95 % interval)',
        'intercepted',
        'debris recovered',
      ],
      [...s.byTargetRegion, s.total].map((r) => [
        m(r.label),
        String(r.incidents),
        String(r.knownOutcomes),
        String(r.failures),
        rate(r),
        String(r.intercepted),
        String(r.debrisRecovered),
      ]),
    ),
  );
  const md = s.missingData;
  if (md)
    out.push(
      '',
      `With ${md.launches} launches in all: naive ${md.naive.rate === null ? '—' : percent(md.naive.rate)} (${percent(md.naive.ci95[0])} to ${percent(md.naive.ci95[1])}); bounds ${percent(md.bounds[0])} to ${percent(md.bounds[1])} (95 % ${percent(md.boundsCi95[0])} to ${percent(md.boundsCi95[1])}); Bayes ${percent(md.bayes.rate)} (${percent(md.bayes.ci95[0])} to ${percent(md.bayes.ci95[1])}).`,
      '',
      ...md.assumptions.map((a) => `- ${m(a)}`),
    );
  out.push('', '## 4. Findings and exhibits by incident', '');
  for (const i of d.incidents) {
    out.push(`### ${i.ref} — ${code(i.incident.id)}, ${utc(i.incident.occurredAt)}`, '');
    out.push(
      `Own dossier SHA-256: ${code(i.dossierSha256)}.${i.assembly ? ` ${m(i.assembly.sentence)}` : ''}`,
      '',
    );
    out.push(...i.statements.map(statementMd), '');
    if (i.exhibits.length)
      out.push(
        mdTable(
          ['ref', 'item', 'description', 'SHA-256', 'custody'],
          i.exhibits.map((x) => [
            `<a id="${x.ref.toLowerCase()}"></a>${x.ref}`,
            `${code(x.id)}${x.sensitivity === 'public' ? '' : ` **${x.sensitivity.toUpperCase()}**`}`,
            `${m(x.title)} (${m(x.media)})`,
            x.sha256 ? code(x.sha256) : '—',
            `${x.custody.events} event(s); now ${m(x.custody.custodian)}; head ${code(x.custody.headHash)}`,
          ]),
        ),
        '',
      );
    else out.push('_No exhibits of this incident in this edition._', '');
  }
  if (d.edition.withheld) out.push(m(d.edition.withheld.note), '');
  out.push('## 5. Checkpoint and offline verification', '', ...checkpointMd(d.checkpoint));
  out.push(...caseVerificationSteps(h).map((x, k) => `${k + 1}. ${x}`));
  out.push('', '## 6. Methodology', '', ...methodologyMd(d.methodology, 'Catalogue version(s)'));
  out.push(
    '',
    '## 7. Legal provisions',
    '',
    ...provisionsMd(d.provisions, 'No finding of this case cites a provision.'),
  );
  out.push('', '## 8. What the data cannot tell', '', ...d.limits.map((l) => `- ${m(l)}`), '');
  return out.join('\n');
}
