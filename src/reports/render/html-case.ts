import { formatProbability } from '../confidence.js';
import { caseMapFigure, ratesFigure } from '../figures/campaign.js';
import { ellipseText, latLon, percent, utc } from '../format.js';
import type { CaseIncident, CaseRate, HashedCaseDossier } from '../model.js';
import { caseVerificationSteps } from './verification-text.js';
import { e, table } from './html-common.js';
import {
  documentPage,
  exhibitHtml,
  hash,
  limitsHtml,
  link,
  methodologyHtml,
  orDash,
  provisionsHtml,
  sens,
  statementHtml,
} from './html-dossier.js';

const ci = (r: CaseRate): string =>
  r.failureRate === null || !r.failureCi95
    ? '—'
    : `${e(percent(r.failureRate))} (${e(percent(r.failureCi95[0]))} to ${e(percent(r.failureCi95[1]))})`;

function incidentRow(i: CaseIncident): string[] {
  const inc = i.incident;
  const idn = i.identification;
  const rec = i.reconstruction;
  return [
    `<a href="#${e(i.ref)}">${e(i.ref)}</a>`,
    `<code>${e(inc.id)}</code>`,
    e(utc(inc.occurredAt)),
    `${orDash(inc.targetRegion.name ?? inc.targetRegion.raw)}${inc.targetRegion.iso ? ` (${e(inc.targetRegion.iso)})` : ''}`,
    orDash(inc.modelClaimedRaw),
    e(inc.outcome),
    idn?.top
      ? `${e(idn.top.name)}: ${e(idn.confidence?.words ?? '')} (${e(formatProbability(idn.top.posterior))})`
      : '—',
    rec
      ? `${e(latLon(rec.launch.lat, rec.launch.lon))}; ${e(ellipseText(rec.launch.ellipse95))}${rec.breakupDetected ? '; <b>breakup</b>' : ''}`
      : '—',
    `${i.exhibits.length}${i.withheld ? ` (+${i.withheld} withheld)` : ''}`,
  ];
}

function incidentSection(i: CaseIncident, checkpoint: HashedCaseDossier['dossier']['checkpoint']): string {
  return `<section class="case-incident" id="${e(i.ref)}">
<h3>${e(i.ref)} — <code>${e(i.incident.id)}</code>, ${e(utc(i.incident.occurredAt))}</h3>
<p class="note">The incident's own dossier (<code>salvo report incident ${e(i.incident.id)}</code>, same edition and generation time) has document SHA-256 ${hash(i.dossierSha256)}.${i.assembly ? ` ${e(i.assembly.sentence)}` : ''}</p>
${i.statements.map(statementHtml).join('\n')}
${i.exhibits.length ? i.exhibits.map((x) => exhibitHtml(x, checkpoint)).join('\n') : '<p class="note">No exhibits of this incident in this edition.</p>'}
</section>`;
}

/** The case dossier as one self-contained HTML document (inline CSS and SVG; the model embedded as JSON). */
export function renderCaseHtml(h: HashedCaseDossier): string {
  const d = h.dossier;
  const s = d.statistics;
  const m = d.methodology;
  const exhibits = d.incidents.flatMap((i) => i.exhibits);
  const md = s.missingData;
  const body = `
<header>
<h1>${e(d.title)}</h1>
<div class="edition ${d.edition.audience === 'public' ? 'public' : ''}">${e(d.edition.label)}</div>
<p class="meta">Document SHA-256: <span class="hash" id="document-hash">${e(h.sha256)}</span><br>
Generated ${e(d.generatedAt)} by ${e(d.generator.name)} ${e(d.generator.version)}. Forensic analysis of past events.
Scope: incidents from ${e(d.scope.from)} to ${e(d.scope.to)} (exclusive)${d.scope.model ? `, type <code>${e(d.scope.model)}</code>` : ''}${d.scope.launches !== null ? `; ${d.scope.launches} launches known from elsewhere` : ''}.${d.edition.withheld ? `<br>${e(d.edition.withheld.note)}` : ''}</p>
</header>
<h2 id="summary">1. Summary of findings across the case</h2>
${d.statements.map(statementHtml).join('\n')}
<p class="note">${e(m.confidenceNote)}</p>
<h2 id="incidents">2. The incidents</h2>
${table(
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
  d.incidents.map(incidentRow),
)}
<h2 id="figures">3. Figures</h2>
<figure id="fig-case-map">${caseMapFigure(d.incidents)}<figcaption>Figure 1. The incidents of the case and the launch estimates of those reconstructed.</figcaption></figure>
<figure id="fig-rates">${ratesFigure(s.byTargetRegion, s.total)}<figcaption>Figure 2. Failure rate in flight by target region, with 95 % intervals.</figcaption></figure>
<h2 id="statistics">4. Statistics</h2>
${table(
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
    e(r.label),
    String(r.incidents),
    String(r.knownOutcomes),
    String(r.failures),
    ci(r),
    String(r.intercepted),
    String(r.debrisRecovered),
  ]),
)}
${
  md
    ? `<h3>Launches of unknown outcome</h3>${table(
        ['estimate', 'failure rate', '95 % interval', 'assumption'],
        [
          [
            'naive (known outcomes only)',
            md.naive.rate === null ? '—' : e(percent(md.naive.rate)),
            `${e(percent(md.naive.ci95[0]))} to ${e(percent(md.naive.ci95[1]))}`,
            e(md.assumptions[0] ?? ''),
          ],
          [
            'bounds (any unknown outcome)',
            `${e(percent(md.bounds[0]))} to ${e(percent(md.bounds[1]))}`,
            `${e(percent(md.boundsCi95[0]))} to ${e(percent(md.boundsCi95[1]))}`,
            e(md.assumptions[1] ?? ''),
          ],
          [
            'Bayes (debris recovery by outcome)',
            e(percent(md.bayes.rate)),
            `${e(percent(md.bayes.ci95[0]))} to ${e(percent(md.bayes.ci95[1]))}`,
            e(md.assumptions[2] ?? ''),
          ],
        ],
      )}<p class="note">${md.launches} launches in all.</p>`
    : '<p class="note">No launch total was given: the rates are over recorded incidents only.</p>'
}
${s.notes.length ? `<ul class="note">${s.notes.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : ''}
<h2 id="per-incident">5. Findings and exhibits by incident</h2>
${d.incidents.map((i) => incidentSection(i, d.checkpoint)).join('\n')}
<h2 id="exhibits">6. Exhibit index</h2>
${
  exhibits.length
    ? table(
        ['ref', 'item', 'description', 'SHA-256', 'custody'],
        exhibits.map((x) => [
          link(x.ref),
          `<code>${e(x.id)}</code> ${x.sensitivity === 'public' ? '' : sens(x.sensitivity)}`,
          `${e(x.title)} (${e(x.media)})`,
          hash(x.sha256),
          `${x.custody.events} event(s); now ${e(x.custody.custodian)}`,
        ]),
      )
    : '<p>No exhibits in this edition.</p>'
}
${d.edition.withheld ? `<p class="note">${e(d.edition.withheld.note)}</p>` : ''}
<h2 id="checkpoint">7. Checkpoint and offline verification</h2>
${
  d.checkpoint
    ? `<p>Custody-log checkpoint: size ${d.checkpoint.size}, root ${hash(d.checkpoint.root)}, signed ${e(d.checkpoint.at)} by ${e(d.checkpoint.actor)} with key <code>${e(d.checkpoint.key)}</code>.</p><p>Published line:</p><p><code>${e(d.checkpoint.text)} ${e(d.checkpoint.signature)}</code></p>`
    : '<p>No checkpoint of the custody log exists yet.</p>'
}
<ol>${caseVerificationSteps(h)
    .map((x) => `<li>${e(x)}</li>`)
    .join('')}</ol>
<h2 id="methodology">8. Methodology</h2>
${methodologyHtml(m, 'Catalogue version(s)')}
<h2 id="provisions">9. Legal provisions</h2>
${provisionsHtml(d.provisions, 'No finding of this case cites a provision.')}
<h2 id="limits">10. What the data cannot tell</h2>
${limitsHtml(d.limits)}
`;
  return documentPage(h.sha256, d, body);
}
