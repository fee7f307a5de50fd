import { formatProbability } from '../confidence.js';
import {
  bytes,
  distance,
  ellipseText,
  escapeMd as m,
  isWebUrl,
  latLon,
  mdUrl,
  percent,
  pValue,
  utc,
} from '../format.js';
import type { CheckpointFacts, HashedDossier, Methodology, Provision, Statement } from '../model.js';
import { verificationSteps } from './verification-text.js';

export const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
export const dash = (v: string | number | null | undefined): string =>
  v === null || v === undefined || v === '' ? '—' : m(String(v));
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
export const mdTable = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

export function statementMd(s: Statement): string {
  const support = [
    s.exhibits.length
      ? `exhibits ${s.exhibits.map((r) => `[${r}](#${r.toLowerCase()})`).join(', ')}`
      : 'no exhibit',
    s.runs.length ? `analysis ${s.runs.map(code).join(', ')}` : '',
    s.provisions.length ? `provisions ${s.provisions.join(', ')}` : '',
    s.confidence?.cap ? `words ${m(s.confidence.cap)}` : '',
    s.basis ? `link: ${m(s.basis)}` : '',
  ].filter(Boolean);
  return `- **${s.ref}.** ${m(s.text)}  \n  _Supported by: ${support.join('; ')}._`;
}

/** The dossier as Markdown (figures are in the HTML and PDF editions). */
export function renderDossierMarkdown(h: HashedDossier): string {
  const d = h.dossier;
  const i = d.incident;
  const out: string[] = [];
  out.push(`# ${m(d.title)}`, '');
  out.push(`> **${m(d.edition.label)}**`, '');
  out.push(`Document SHA-256: ${code(h.sha256)}  `);
  out.push(
    `Generated ${d.generatedAt} by ${m(d.generator.name)} ${m(d.generator.version)}. Forensic analysis of a past event.`,
  );
  if (d.edition.withheld) out.push('', m(d.edition.withheld.note));
  out.push(
    '',
    '## 1. Summary of findings',
    '',
    ...d.statements.map(statementMd),
    '',
    `_${m(d.methodology.confidenceNote)}_`,
  );
  out.push('', '## 2. The incident', '');
  out.push(
    mdTable(
      ['', ''],
      [
        ['Incident', code(i.id)],
        ['Time', `${utc(i.occurredAt)} (as published: ${m(i.occurredAtRaw)})`],
        [
          'Location',
          i.location
            ? `${latLon(i.location.lat, i.location.lon)}${i.location.precisionM !== null ? ` (within ${distance(i.location.precisionM)})` : ''}`
            : 'unknown',
        ],
        [
          'Target region',
          `${dash(i.targetRegion.name)} ${i.targetRegion.iso ? `(${i.targetRegion.iso})` : ''}`,
        ],
        [
          'Launch region (reported)',
          `${dash(i.launchRegion.name)} ${i.launchRegion.iso ? `(${i.launchRegion.iso})` : ''}`,
        ],
        ['Reported as', dash(i.modelClaimedRaw)],
        ['Outcome', m(i.outcome)],
        ['Killed / injured', `${dash(i.killed)} / ${dash(i.injured)}`],
        [
          'Source',
          i.sourceUrl
            ? isWebUrl(i.sourceUrl)
              ? `[${m(i.sourceUrl)}](${mdUrl(i.sourceUrl)})`
              : m(i.sourceUrl)
            : '—',
        ],
        [
          'Record',
          `${dash(i.source.fileName)}, line ${i.source.line}; file SHA-256 ${i.source.sha256 ? code(i.source.sha256) : '—'}`,
        ],
        ['Notes', dash(i.notes)],
      ],
    ),
  );
  out.push('', '## 3. Flight reconstruction', '');
  const r = d.reconstruction;
  if (!r) out.push('No flight reconstruction is stored for this incident.');
  else {
    out.push(
      `Run ${code(r.runId)} (${r.createdAt}), ${m(r.method.name)} ${r.method.version}, template ${code(r.templateId ?? '—')}, input SHA-256 ${code(r.inputSha256)}.`,
      '',
    );
    const pts = [['launch', r.launch] as const, ...(r.impact ? [['impact', r.impact] as const] : [])];
    out.push(
      mdTable(
        ['', 'position', 'time', '95 % ellipse', 'Cramér–Rao bound (95 %)'],
        pts.map(([name, p]) => [
          name,
          latLon(p.lat, p.lon, 5),
          `${utc(p.time)} ± ${p.timeSigmaS.toFixed(2)} s`,
          ellipseText(p.ellipse95),
          ellipseText(p.crlb95),
        ]),
      ),
    );
    const p = r.profile;
    out.push(
      '',
      `Breakup ${r.breakup.detected ? '**detected**' : 'not detected'} (statistic ${r.breakup.statistic.toFixed(2)}, p = ${pValue(r.breakup.pValue)}). Apogee ${distance(p.apogeeM)}, ground range ${distance(p.groundRangeM)}, flight time ${p.flightTimeS.toFixed(0)} s, maximum speed ${p.maxSpeedMps.toFixed(0)} m/s, burnout at ${p.burnoutTimeS.toFixed(1)} s. Fit chi² ${r.fit.chi2.toFixed(1)} on ${r.fit.dof} dof.`,
    );
  }
  out.push('', '## 4. Identification', '');
  const id = d.identification;
  if (!id) out.push('No identification finding is stored for this incident.');
  else {
    out.push(
      `Finding ${code(id.runId)} (${id.createdAt}), method ${code(id.methodVersion)}, catalogue ${code(id.catalogueVersion)}, input SHA-256 ${code(id.inputSha256)}.`,
      '',
    );
    out.push(
      mdTable(
        ['type', 'origin', 'posterior', 'in words'],
        [
          ...id.candidates.map((c) => [
            `${m(c.name)} ${code(c.id)}`,
            dash(c.originState),
            formatProbability(c.posterior),
            c.confidence.words,
          ]),
          ['none of the catalogue', '—', formatProbability(id.nonePosterior), ''],
        ],
      ),
    );
    if (id.explanations.length)
      out.push('', 'Why the two leading types differ:', '', ...id.explanations.map((x) => `- ${m(x)}`));
  }
  out.push('', '## 5. Components recovered from the debris', '');
  const c = d.components;
  if (!c) out.push('No components are recorded from the debris in this edition.');
  else {
    if (c.assembly) out.push(`**${m(c.assembly.sentence)}**`, '');
    out.push(
      mdTable(
        ['component', 'exhibit', 'marking', 'maker', 'country', 'date code'],
        c.components.map((x) => [
          code(x.id),
          x.exhibit,
          m(x.marking),
          dash(x.manufacturer),
          dash(x.country),
          x.dateCode ? `${m(x.dateCode.raw)} = ${x.dateCode.from} to ${x.dateCode.to}` : '—',
        ]),
      ),
      '',
      mdTable(
        ['country of headquarters', 'components', 'share'],
        c.byCountry.map((x) => [m(x.key), String(x.count), percent(x.share)]),
      ),
    );
  }
  out.push('', '## 6. Exhibits', '');
  if (d.exhibits.length === 0) out.push('No exhibits in this edition.');
  for (const x of d.exhibits) {
    out.push(
      `### ${x.ref}`,
      '',
      `${code(x.id)} ${m(x.title)} (${x.kind} / ${x.media})${x.sensitivity === 'public' ? '' : ` — **${x.sensitivity.toUpperCase()}**`}`,
      '',
    );
    out.push(
      `- SHA-256: ${x.sha256 ? code(x.sha256) : '—'}${x.fileName ? `; file ${m(x.fileName)}${x.sizeBytes !== null ? ` (${bytes(x.sizeBytes)})` : ''}` : ''}`,
    );
    if (x.physical)
      out.push(
        `- Seal ${dash(x.physical.seal)}, bag ${dash(x.physical.bag)}, found ${dash(x.physical.foundPlace)} (${dash(x.physical.foundPrecision)})`,
      );
    out.push(
      `- Custody: ${x.custody.events} event(s); now held by ${m(x.custody.custodian)}${x.custody.location ? ` at ${m(x.custody.location)}` : ''}; head ${code(x.custody.headHash)}`,
    );
    for (const l of x.custody.excerpt)
      out.push(
        `  - #${l.index} ${l.event} by ${m(l.actor)} at ${l.at}${l.place ? `, ${m(l.place)}` : ''} (${code(l.hash)})`,
      );
    if (x.proof) out.push(`- Inclusion proof of event ${x.proof.index}: ${x.proof.path.map(code).join(' ')}`);
    out.push('');
  }
  if (d.edition.withheld) out.push(m(d.edition.withheld.note), '');
  out.push('## 7. Checkpoint and offline verification', '', ...checkpointMd(d.checkpoint));
  out.push(...verificationSteps(h).map((s, k) => `${k + 1}. ${s}`));
  out.push('', '## 8. Methodology', '', ...methodologyMd(d.methodology, 'Catalogue version'));
  out.push(
    '',
    '## 9. Legal provisions',
    '',
    ...provisionsMd(d.provisions, 'No finding of this dossier cites a provision.'),
  );
  out.push('', '## 10. What the data cannot tell', '', ...d.limits.map((l) => `- ${m(l)}`), '');
  return out.join('\n');
}

/** The checkpoint paragraph and its published line (or that there is none yet). */
export function checkpointMd(c: CheckpointFacts | null): string[] {
  return c
    ? [
        `Checkpoint size ${c.size}, root ${code(c.root)}, signed ${c.at} by ${m(c.actor)} (${code(c.key)}). Published line:`,
        '',
        '```',
        `${c.text} ${c.signature}`,
        '```',
        '',
      ]
    : ['No checkpoint of the custody log exists yet.', ''];
}

/** The methodology tables (methods, catalogue, input hashes, confidence words, assumptions, error rates). */
export function methodologyMd(me: Methodology, catalogueLabel: string): string[] {
  return [
    mdTable(
      ['role', 'method', 'version'],
      me.methods.map((x) => [m(x.role), m(x.name), code(x.version)]),
    ),
    '',
    `${catalogueLabel}: ${code(me.catalogueVersion ?? '—')}.`,
    '',
    mdTable(
      ['input', 'SHA-256'],
      me.inputs.map((x) => [m(x.label), code(x.sha256)]),
    ),
    '',
    mdTable(
      ['posterior from', 'to', 'words'],
      me.confidenceScale.map((x) => [String(x.min), String(x.max), x.words]),
    ),
    '',
    'Assumptions:',
    '',
    ...me.assumptions.map((a) => `- ${m(a)}`),
    '',
    mdTable(
      ['case', 'measured', 'source'],
      me.errorRates.map((x) => [m(x.topic), m(x.figure), code(x.source)]),
    ),
  ];
}

/** Each cited provision with its symbol, paragraphs, link and Salvo's labelled summary; `none` when there is none. */
export function provisionsMd(provisions: readonly Provision[], none: string): string[] {
  if (provisions.length === 0) return [none];
  return provisions.map(
    (p) =>
      `- **${p.ref}** ${m(p.title)}: document symbol **${m(p.symbol)}**, ${m(p.paragraphs)} ([${m(p.url)}](${mdUrl(p.url)})). ${p.quotation ? `> ${m(p.quotation)} ` : ''}_Salvo's summary, not a quotation:_ ${m(p.summary)}`,
  );
}
