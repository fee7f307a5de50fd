import { canonicalJson } from '../../evidence/model/canonical.js';
import { formatProbability } from '../confidence.js';
import { contributionsFigure } from '../figures/contributions.js';
import { datesFigure } from '../figures/dates.js';
import { mapFigure } from '../figures/map.js';
import { profileFigure } from '../figures/profile.js';
import { bytes, distance, ellipseText, isWebUrl, latLon, percent, pValue, utc } from '../format.js';
import type { Dossier, Exhibit, HashedDossier, Methodology, Provision, Statement } from '../model.js';
import { verificationSteps } from './verification-text.js';
import { e, htmlPage, kvTable, scriptJson, table } from './html-common.js';

export const DOSSIER_SCRIPT_ID = 'salvo-dossier';

export const link = (ref: string): string => `<a href="#${e(ref)}">${e(ref)}</a>`;
export const links = (refs: readonly string[]): string => refs.map(link).join(', ');
export const hash = (h: string | null): string => (h ? `<span class="hash">${e(h)}</span>` : '—');
export const orDash = (v: string | number | null | undefined): string =>
  v === null || v === undefined || v === '' ? '—' : e(String(v));
export const sens = (s: string): string =>
  s === 'public' ? 'public' : `<span class="sens-${s}">${s.toUpperCase()}</span>`;

export function statementHtml(s: Statement): string {
  const support = [
    s.exhibits.length ? `exhibits ${links(s.exhibits)}` : 'no exhibit',
    s.runs.length ? `analysis ${s.runs.map((r) => `<code>${e(r)}</code>`).join(', ')}` : '',
    s.provisions.length ? `provisions ${links(s.provisions)}` : '',
    s.confidence?.cap ? `words ${e(s.confidence.cap)}` : '',
    s.basis ? `link: ${e(s.basis)}` : '',
  ].filter(Boolean);
  return `<div class="statement" id="${e(s.ref)}"><span class="ref">${e(s.ref)}.</span> ${e(s.text)}<div class="support">Supported by: ${support.join('; ')}.</div></div>`;
}

function incidentHtml(d: Dossier): string {
  const i = d.incident;
  const rows: [string, string][] = [
    ['Incident', `<code>${e(i.id)}</code>`],
    ['Time', `${e(utc(i.occurredAt))} (as published: ${e(i.occurredAtRaw)})`],
    [
      'Location',
      i.location
        ? `${e(latLon(i.location.lat, i.location.lon))}${i.location.precisionM !== null ? ` (within ${e(distance(i.location.precisionM))})` : ''}`
        : 'unknown',
    ],
    [
      'Target region',
      `${orDash(i.targetRegion.name)} ${i.targetRegion.iso ? `(${e(i.targetRegion.iso)})` : ''} — as published: ${orDash(i.targetRegion.raw)}`,
    ],
    [
      'Launch region (reported)',
      `${orDash(i.launchRegion.name)} ${i.launchRegion.iso ? `(${e(i.launchRegion.iso)})` : ''}`,
    ],
    ['Reported as', orDash(i.modelClaimedRaw)],
    ['Identified type (registry)', orDash(i.identifiedType)],
    ['Outcome', e(i.outcome)],
    ['Debris recovered', i.debrisRecovered === null ? 'unknown' : i.debrisRecovered ? 'yes' : 'no'],
    ['Killed / injured', `${orDash(i.killed)} / ${orDash(i.injured)}`],
    [
      'Source',
      i.sourceUrl
        ? isWebUrl(i.sourceUrl)
          ? `<a href="${e(i.sourceUrl)}">${e(i.sourceUrl)}</a>`
          : e(i.sourceUrl)
        : '—',
    ],
    ['Record', `${orDash(i.source.fileName)}, line ${i.source.line}; file SHA-256 ${hash(i.source.sha256)}`],
    ['Notes', orDash(i.notes)],
  ];
  return kvTable(rows.map(([k, v]) => [e(k), v] as const));
}

function reconstructionHtml(d: Dossier): string {
  const r = d.reconstruction;
  if (!r) return '<p>No flight reconstruction is stored for this incident.</p>';
  const pt = (name: string, p: NonNullable<typeof r.impact>): string[] => [
    e(name),
    e(latLon(p.lat, p.lon, 5)),
    `${e(utc(p.time))} ± ${p.timeSigmaS.toFixed(2)} s`,
    e(ellipseText(p.ellipse95)),
    e(ellipseText(p.crlb95)),
  ];
  const rows = [pt('launch', r.launch), ...(r.impact ? [pt('impact', r.impact)] : [])];
  const p = r.profile;
  return [
    `<p>Run <code>${e(r.runId)}</code> (${e(r.createdAt)}), ${e(r.method.name)} ${e(r.method.version)}, template <code>${orDash(r.templateId)}</code>, input SHA-256 ${hash(r.inputSha256)}.</p>`,
    table(['', 'position', 'time', '95 % ellipse', 'Cramér–Rao bound (95 %)'], rows),
    `<p>Breakup: ${r.breakup.detected ? '<b>detected</b>' : 'not detected'} (statistic ${r.breakup.statistic.toFixed(2)}, p = ${e(pValue(r.breakup.pValue))}). Profile: apogee ${e(distance(p.apogeeM))}, ground range ${e(distance(p.groundRangeM))}, flight time ${p.flightTimeS.toFixed(0)} s, maximum speed ${p.maxSpeedMps.toFixed(0)} m/s, burnout at ${p.burnoutTimeS.toFixed(1)} s (${e(distance(p.burnoutAltM))}, ${p.burnoutSpeedMps.toFixed(0)} m/s). Fit: chi² ${r.fit.chi2.toFixed(1)} on ${r.fit.dof} degrees of freedom (normalised residual RMS ${r.fit.normalisedResidualRms.toFixed(2)}).</p>`,
    r.types.length
      ? table(
          ['template', 'log-likelihood', 'chi²/dof', 'BIC'],
          r.types.map((t) => [
            `<code>${e(t.id)}</code>`,
            t.logLikelihood.toFixed(2),
            t.chi2PerDof.toFixed(3),
            t.bic.toFixed(2),
          ]),
        )
      : '',
  ].join('\n');
}

function identificationHtml(d: Dossier): string {
  const id = d.identification;
  if (!id) return '<p>No identification finding is stored for this incident.</p>';
  const features = Object.entries(id.features).map(([k, v]) => [
    `<code>${e(k)}</code>`,
    e(
      typeof v === 'object' && v !== null
        ? Object.entries(v)
            .map(([a, b]) => `${a} ${String(b)}`)
            .join(', ')
        : String(v),
    ),
  ]);
  return [
    `<p>Finding <code>${e(id.runId)}</code> (${e(id.createdAt)}), method ${e(id.methodVersion)}, catalogue ${e(id.catalogueVersion)}, input SHA-256 ${hash(id.inputSha256)}${id.reconstructionRun ? `, using reconstruction <code>${e(id.reconstructionRun)}</code>` : ''}.</p>`,
    table(
      ['type', 'origin', 'posterior', 'in words'],
      [
        ...id.candidates.map((c) => [
          `${e(c.name)} <code>${e(c.id)}</code>`,
          orDash(c.originState),
          e(formatProbability(c.posterior)),
          e(c.confidence.words),
        ]),
        ['none of the catalogue', '—', e(formatProbability(id.nonePosterior)), ''],
      ],
    ),
    features.length ? `<h3>Features entered</h3>${table(['feature', 'value'], features)}` : '',
    id.explanations.length
      ? `<h3>Why the two leading types differ</h3><ul>${id.explanations.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`
      : '',
  ].join('\n');
}

function componentsHtml(d: Dossier): string {
  const c = d.components;
  if (!c) return '<p>No components are recorded from the debris in this edition.</p>';
  return [
    c.assembly
      ? `<p><b>${e(c.assembly.sentence)}</b></p>`
      : '<p>No component has a date code reliable enough to bound the assembly date.</p>',
    table(
      ['component', 'exhibit', 'marking', 'maker', 'country', 'part', 'date code'],
      c.components.map((x) => [
        `<code>${e(x.id)}</code>`,
        link(x.exhibit),
        e(x.marking),
        orDash(x.manufacturer),
        orDash(x.country),
        orDash(x.partNumber),
        x.dateCode
          ? `${e(x.dateCode.raw)} = ${e(x.dateCode.from)} to ${e(x.dateCode.to)} (confidence ${x.dateCode.confidence})`
          : '—',
      ]),
    ),
    table(
      ["country of the maker's headquarters", 'components', 'share'],
      c.byCountry.map((r) => [e(r.key), String(r.count), e(percent(r.share))]),
    ),
  ].join('\n');
}

export function exhibitHtml(x: Exhibit, checkpoint: Dossier['checkpoint']): string {
  const c = x.custody;
  const lines = c.excerpt.map((l) => [
    String(l.index),
    e(l.event),
    e(l.actor),
    e(l.at),
    orDash(l.place),
    hash(l.hash),
  ]);
  const omitted = c.events - c.excerpt.length;
  return `<div class="exhibit" id="${e(x.ref)}"><h3>${e(x.ref)} — <code>${e(x.id)}</code> ${e(x.title)} ${x.sensitivity === 'public' ? '' : sens(x.sensitivity)}</h3>
${kvTable(
  [
    ['Kind', `${e(x.kind)} / ${e(x.media)}`],
    ...(x.description ? [['Description', e(x.description)]] : []),
    ['SHA-256', hash(x.sha256)],
    ...(x.fileName
      ? [['File', `${e(x.fileName)}${x.sizeBytes !== null ? ` (${e(bytes(x.sizeBytes))})` : ''}`]]
      : []),
    ...(x.url ? [['URL', e(x.url)]] : []),
    ...(x.capturedAt ? [['Captured', e(x.capturedAt)]] : []),
    ...(x.physical
      ? [
          [
            'Seal / bag / found',
            `${orDash(x.physical.seal)} / ${orDash(x.physical.bag)} / ${orDash(x.physical.foundPlace)} (${orDash(x.physical.foundPrecision)})`,
          ],
        ]
      : []),
    ...(x.parent ? [['Derived from', link(x.parent)]] : []),
    ...(x.depicts ? [['Depicts', link(x.depicts)]] : []),
    [
      'Custody',
      `${c.events} event(s); now held by ${e(c.custodian)}${c.location ? ` at ${e(c.location)}` : ''}; head ${hash(c.headHash)}`,
    ],
  ].map(([k, v]) => [k!, v!] as const),
)}
${table(['log index', 'event', 'actor', 'at', 'place', 'event hash'], lines)}${omitted > 0 ? `<p class="note">${omitted} event(s) between these are omitted here; all are in the export bundle.</p>` : ''}
${
  x.proof && checkpoint
    ? `<p class="note">Inclusion proof of event ${x.proof.index} in the checkpoint of size ${checkpoint.size} (root ${hash(checkpoint.root)}): ${x.proof.path.length} sibling hash(es), bottom up: ${x.proof.path.map((p) => hash(p)).join(' ')}</p>`
    : '<p class="note">No inclusion proof: no checkpoint covers this item\'s events yet.</p>'
}</div>`;
}

/** The dossier as one self-contained HTML document (inline CSS and SVG; the model embedded as JSON). */
export function renderDossierHtml(h: HashedDossier): string {
  const d = h.dossier;
  const figures: string[] = [];
  if (d.reconstruction) {
    figures.push(
      `<figure id="fig-map">${mapFigure(d.reconstruction, d.incident)}<figcaption>Figure 1. Launch and impact estimates with their 95 % ellipses (enlarged below), the measured track, and the geodesic between the estimates. Source: reconstruction <code>${e(d.reconstruction.runId)}</code>.</figcaption></figure>`,
    );
    figures.push(
      `<figure id="fig-profile">${profileFigure(d.reconstruction)}<figcaption>Figure 2. Altitude profile: measured heights against time since the estimated launch, with the fitted profile's apogee, burnout and flight time.</figcaption></figure>`,
    );
  }
  if (d.identification)
    figures.push(
      `<figure id="fig-contributions">${contributionsFigure(d.identification)}<figcaption>Figure ${figures.length + 1}. Contribution of each feature to the two leading candidates (natural-log likelihood ratio against "none of the catalogue"). Source: finding <code>${e(d.identification.runId)}</code>.</figcaption></figure>`,
    );
  if (d.components)
    figures.push(
      `<figure id="fig-dates">${datesFigure(d.components)}<figcaption>Figure ${figures.length + 1}. Components by year of earliest production, with the earliest possible assembly date.</figcaption></figure>`,
    );
  const m = d.methodology;
  const body = `
<header>
<h1>${e(d.title)}</h1>
<div class="edition ${d.edition.audience === 'public' ? 'public' : ''}">${e(d.edition.label)}</div>
<p class="meta">Document SHA-256: <span class="hash" id="document-hash">${e(h.sha256)}</span><br>
Generated ${e(d.generatedAt)} by ${e(d.generator.name)} ${e(d.generator.version)}. Forensic analysis of a past event.${d.edition.withheld ? `<br>${e(d.edition.withheld.note)}` : ''}</p>
</header>
<h2 id="summary">1. Summary of findings</h2>
${d.statements.map(statementHtml).join('\n')}
<p class="note">${e(m.confidenceNote)}</p>
<h2 id="incident">2. The incident</h2>
${incidentHtml(d)}
<h2 id="figures">3. Figures</h2>
${figures.length ? figures.join('\n') : '<p>No analysis is stored for this incident, so there is nothing to draw.</p>'}
<h2 id="reconstruction">4. Flight reconstruction</h2>
${reconstructionHtml(d)}
<h2 id="identification">5. Identification</h2>
${identificationHtml(d)}
<h2 id="components">6. Components recovered from the debris</h2>
${componentsHtml(d)}
<h2 id="exhibits">7. Exhibits</h2>
${
  d.exhibits.length
    ? table(
        ['ref', 'item', 'description', 'SHA-256', 'custody'],
        d.exhibits.map((x) => [
          link(x.ref),
          `<code>${e(x.id)}</code> ${x.sensitivity === 'public' ? '' : sens(x.sensitivity)}`,
          `${e(x.title)} (${e(x.media)})`,
          hash(x.sha256),
          `${x.custody.events} event(s): ${x.custody.collected ? `${e(x.custody.collected.event)} by ${e(x.custody.collected.actor)} ${e(x.custody.collected.at.slice(0, 10))}` : '—'}; now ${e(x.custody.custodian)}`,
        ]),
      )
    : '<p>No exhibits in this edition.</p>'
}
${d.edition.withheld ? `<p class="note">${e(d.edition.withheld.note)}</p>` : ''}
${d.exhibits.map((x) => exhibitHtml(x, d.checkpoint)).join('\n')}
<h2 id="checkpoint">8. Checkpoint and offline verification</h2>
${
  d.checkpoint
    ? `<p>Custody-log checkpoint: size ${d.checkpoint.size}, root ${hash(d.checkpoint.root)}, signed ${e(d.checkpoint.at)} by ${e(d.checkpoint.actor)} with key <code>${e(d.checkpoint.key)}</code>; log ${hash(d.checkpoint.log)}.</p><p>Published line (signed text, a space, the Ed25519 signature):</p><p><code>${e(d.checkpoint.text)} ${e(d.checkpoint.signature)}</code></p>`
    : '<p>No checkpoint of the custody log exists yet.</p>'
}
<ol>${verificationSteps(h)
    .map((s) => `<li>${e(s)}</li>`)
    .join('')}</ol>
<h2 id="methodology">9. Methodology</h2>
${methodologyHtml(m, 'Catalogue version')}
${d.reconstruction ? `<p>Cramér–Rao bound for this scenario: the launch ellipse the observations allow at best is ${e(ellipseText(d.reconstruction.launch.crlb95))} (95 %), against the reported ${e(ellipseText(d.reconstruction.launch.ellipse95))}.</p>` : ''}
<h2 id="provisions">10. Legal provisions</h2>
${provisionsHtml(d.provisions, 'No finding of this dossier cites a provision.')}
<h2 id="limits">11. What the data cannot tell</h2>
${limitsHtml(d.limits)}
`;
  return documentPage(h.sha256, d, body);
}

/** The methodology tables (methods, catalogue, input hashes, confidence words, assumptions, error rates). */
export function methodologyHtml(m: Methodology, catalogueLabel: string): string {
  return `${table(
    ['role', 'method', 'version'],
    m.methods.map((x) => [e(x.role), e(x.name), `<code>${e(x.version)}</code>`]),
  )}
<p>${e(catalogueLabel)}: <code>${orDash(m.catalogueVersion)}</code>.</p>
<h3>Input hashes</h3>
${table(
  ['input', 'SHA-256'],
  m.inputs.map((x) => [e(x.label), hash(x.sha256)]),
)}
<h3>Confidence words</h3>
${table(
  ['posterior from', 'to', 'words'],
  m.confidenceScale.map((x) => [String(x.min), String(x.max), e(x.words)]),
)}
<h3>Assumptions</h3>
<ul>${m.assumptions.map((a) => `<li>${e(a)}</li>`).join('')}</ul>
<h3>Documented error rates</h3>
${table(
  ['case', 'measured', 'source'],
  m.errorRates.map((r) => [e(r.topic), e(r.figure), `<code>${e(r.source)}</code>`]),
)}`;
}

/** Each cited provision with its symbol, paragraphs, link and Salvo's labelled summary; `none` when there is none. */
export function provisionsHtml(provisions: readonly Provision[], none: string): string {
  return provisions.length
    ? provisions
        .map(
          (p) =>
            `<div id="${e(p.ref)}"><h3>${e(p.ref)} — ${e(p.title)}</h3><p>Document symbol <b>${e(p.symbol)}</b>, ${e(p.paragraphs)}. Official text: <a href="${e(p.url)}">${e(p.url)}</a>.</p>${p.quotation ? `<blockquote>${e(p.quotation)}</blockquote>` : ''}<p class="note">Salvo's summary, not a quotation: ${e(p.summary)}</p></div>`,
        )
        .join('\n')
    : `<p>${e(none)}</p>`;
}

export const limitsHtml = (limits: readonly string[]): string =>
  `<ul>${limits.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`;

/** A dossier page (incident or case): the body, the embedded model and the hash in the head. */
export function documentPage(
  sha256: string,
  model: { readonly title: string; readonly edition: { readonly audience: string } },
  body: string,
): string {
  return htmlPage({
    title: `${model.title} (${model.edition.audience})`,
    head: `<meta name="salvo-document-sha256" content="${e(sha256)}">\n<meta name="salvo-edition" content="${e(model.edition.audience)}">\n`,
    body: `${body}<script type="application/json" id="${DOSSIER_SCRIPT_ID}">${scriptJson(canonicalJson(model))}</script>\n`,
  });
}
