import { CASE_MAX_INCIDENTS } from '../contract/index.js';
import { canonicalJson } from '../evidence/model/canonical.js';
import { err, ok, salvoError, type Result } from '../kernel/index.js';
import type { IncidentStatsGroup, StatsReport } from '../registry/services/stats.js';
import { buildDossierWithheld } from './build-dossier.js';
import { CONFIDENCE_NOTE, CONFIDENCE_SCALE, formatProbability } from './confidence.js';
import { documentedErrorRates } from './error-rates.js';
import { ellipseText, latLon, listText, percent } from './format.js';
import {
  CASE_DOSSIER_FORMAT,
  type Audience,
  type CaseDossier,
  type CaseIncident,
  type CaseRate,
  type CaseStatistics,
  type Dossier,
  type Exhibit,
  type HashedCaseDossier,
  type Methodology,
  type Provision,
  type Statement,
} from './model.js';
import type { CaseSource, ReportHasher } from './ports.js';
import { editionOf, redactIdentifiers } from './redaction.js';

export interface CaseOptions {
  /** ISO 8601 UTC instants; `to` exclusive. */
  readonly from: string;
  readonly to: string;
  readonly model?: string | null;
  readonly launches?: number | null;
  readonly title?: string;
  readonly audience: Audience;
  /** When the dossier is generated (ISO 8601 UTC): passed in, never read from a clock here. */
  readonly generatedAt: string;
  readonly generator: { readonly name: string; readonly version: string };
  readonly excerpt?: number;
  /** Most incidents one case dossier takes (default CASE_MAX_INCIDENTS, 200): beyond it, narrow the scope. */
  readonly maxIncidents?: number;
}

/**
 * Builds a case-level dossier (issue 8): every incident in the scope gets its own dossier, built by
 * buildDossier with the same edition and generation time, whose hash the case records; the case then states
 * findings ACROSS them (types, launch estimates, failure rate with its interval and missing-data bounds, assembly
 * dates, provisions) by summarising those dossiers and the registry statistics, never by re-running an analysis.
 * Refs are prefixed by incident (I2.E1 is exhibit E1 of incident I2's own dossier; I2.F3 its finding F3), so a
 * reader can go from the case to the incident dossier and back. Redaction: each incident dossier is already
 * redacted for the audience, and the whole case is then scrubbed of every left-out item's identifiers.
 */
export async function buildCaseDossier(
  source: CaseSource,
  hasher: ReportHasher,
  options: CaseOptions,
): Promise<Result<HashedCaseDossier>> {
  const { from, to } = options;
  if (!(Date.parse(from) < Date.parse(to)))
    return err(
      salvoError('INVALID_INPUT', `the case period is empty: from ${from} is not before to ${to}`, [
        { field: 'to', reason: 'must be after --from' },
      ]),
    );
  const model = options.model ?? null;
  const launches = options.launches ?? null;
  const ids = await source.incidentIdsInScope(from, to, model);
  if (ids.length === 0)
    return err(
      salvoError(
        'NOT_FOUND',
        `no incident occurred from ${from} to ${to}${model ? ` of type '${model}'` : ''} in the store`,
        [{ field: 'from', reason: 'no incident in the scope' }],
      ),
    );
  const max = options.maxIncidents ?? CASE_MAX_INCIDENTS;
  if (ids.length > max)
    return err(
      salvoError(
        'INVALID_INPUT',
        `${ids.length} incidents are in the scope; a case dossier takes at most ${max}: narrow --from/--to or give --model`,
        [{ field: 'from', reason: 'scope too wide' }],
      ),
    );

  const provisions: Provision[] = [];
  const incidents: CaseIncident[] = [];
  const dossiers: Dossier[] = [];
  const leftOut: string[] = [];
  for (const [k, id] of ids.entries()) {
    const built = await buildDossierWithheld(source, hasher, {
      incident: id,
      audience: options.audience,
      generatedAt: options.generatedAt,
      generator: options.generator,
      ...(options.excerpt !== undefined ? { excerpt: options.excerpt } : {}),
    });
    if (!built.ok) return built;
    const { hashed, withheld } = built.value;
    const d = hashed.dossier;
    dossiers.push(d);
    // Provisions are shared across incidents: one case-level P ref per distinct provision.
    const provisionRef = new Map<string, string>();
    for (const p of d.provisions) {
      let shared = provisions.find((x) => x.symbol === p.symbol && x.paragraphs === p.paragraphs);
      if (!shared) {
        shared = { ...p, ref: `P${provisions.length + 1}` };
        provisions.push(shared);
      }
      provisionRef.set(p.ref, shared.ref);
    }
    incidents.push(caseIncidentOf(`I${k + 1}`, hashed.sha256, d, provisionRef));
    leftOut.push(...withheld);
  }

  const stats = await source.scopeStats(from, to, model, launches);
  const statistics = statisticsOf(stats, incidents, launches);
  const scope = { from, to, model, launches };
  const withheld = incidents.reduce((s, i) => s + i.withheld, 0);
  const dossier: CaseDossier = redactIdentifiers<CaseDossier>(
    {
      format: CASE_DOSSIER_FORMAT,
      title:
        options.title ??
        `Case dossier: ${incidents.length} incident(s) from ${from.slice(0, 10)} to ${lastDayOf(to)}${model ? ` (${model})` : ''}`,
      generatedAt: options.generatedAt,
      generator: options.generator,
      edition: editionOf(options.audience, withheld),
      scope,
      statements: caseStatements(incidents, statistics, provisions, scope),
      incidents,
      statistics,
      checkpoint: dossiers[0]!.checkpoint,
      methodology: methodologyOf(dossiers, incidents),
      provisions,
      limits: limitsOf(dossiers, incidents, launches),
    },
    leftOut,
  );
  return ok({ dossier, sha256: hasher.sha256Hex(canonicalJson(dossier)) });
}

/** The incident's parts the case shows, every ref prefixed with the incident's ref. */
function caseIncidentOf(
  ref: string,
  sha256: string,
  d: Dossier,
  provisionRef: ReadonlyMap<string, string>,
): CaseIncident {
  const px = (r: string): string => `${ref}.${r}`;
  const exhibits: Exhibit[] = d.exhibits.map((x) => ({
    ...x,
    ref: px(x.ref),
    parent: x.parent === null ? null : px(x.parent),
    depicts: x.depicts === null ? null : px(x.depicts),
  }));
  const statements: Statement[] = d.statements.map((s) => ({
    ...s,
    ref: px(s.ref),
    exhibits: s.exhibits.map(px),
    provisions: s.provisions.map((p) => provisionRef.get(p) ?? p),
  }));
  const idn = d.identification;
  const top = idn?.candidates[0];
  const rec = d.reconstruction;
  return {
    ref,
    dossierSha256: sha256,
    incident: d.incident,
    statements,
    identification: idn
      ? {
          runId: idn.runId,
          top: top ? { id: top.id, name: top.name, posterior: top.posterior } : null,
          confidence: top?.confidence ?? null,
          physicalEvidence: idn.physicalEvidence,
        }
      : null,
    reconstruction: rec
      ? { runId: rec.runId, launch: rec.launch, impact: rec.impact, breakupDetected: rec.breakup.detected }
      : null,
    assembly: d.components?.assembly
      ? { notBefore: d.components.assembly.notBefore, sentence: d.components.assembly.sentence }
      : null,
    components: d.components?.components.length ?? 0,
    exhibits,
    withheld: d.edition.withheld?.items ?? 0,
  };
}

function rateOf(g: IncidentStatsGroup, label: string): CaseRate {
  return {
    key: g.key,
    label,
    incidents: g.count,
    knownOutcomes: g.knownOutcomes,
    failures: g.failures,
    failureRate: g.failureRate,
    failureCi95: g.ci95,
    intercepted: g.intercepted,
    debrisRecovered: g.debrisRecovered,
  };
}

function statisticsOf(
  stats: StatsReport,
  incidents: readonly CaseIncident[],
  launches: number | null,
): CaseStatistics {
  const names = new Map<string, string>();
  for (const i of incidents)
    if (i.incident.targetRegion.iso && i.incident.targetRegion.name)
      names.set(i.incident.targetRegion.iso, i.incident.targetRegion.name);
  const md = stats.incidents.total.missingData;
  return {
    byTargetRegion: stats.incidents.groups.map((g) =>
      rateOf(g, names.has(g.key) ? `${names.get(g.key)} (${g.key})` : g.key),
    ),
    total: rateOf(stats.incidents.total, 'all incidents in the scope'),
    missingData:
      md && launches !== null
        ? {
            launches: md.counts.launches,
            naive: { rate: md.naive.rate, ci95: md.naive.ci95 },
            bounds: md.bounds,
            boundsCi95: md.boundsCi95,
            bayes: { rate: md.bayes.rate, ci95: md.bayes.ci95 },
            assumptions: [md.naive.assumption, md.boundsAssumption, md.bayes.assumption],
          }
        : null,
    notes: stats.notes,
  };
}

/** The last UTC day before an exclusive bound (YYYY-MM-DD): the day a reader would call the end. */
const lastDayOf = (toExclusive: string): string =>
  new Date(Date.parse(toExclusive) - 1).toISOString().slice(0, 10);

/** Groups in first-seen order (Map.groupBy is not in Node 20). */
function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const g = out.get(k);
    if (g) g.push(x);
    else out.set(k, [x]);
  }
  return out;
}

const interval = (ci: readonly [number, number] | null): string =>
  ci ? `95 % interval ${percent(ci[0])} to ${percent(ci[1])}` : 'no interval';

const refsOf = (xs: readonly CaseIncident[]): string => xs.map((i) => i.ref).join(', ');

function caseStatements(
  incidents: readonly CaseIncident[],
  stats: CaseStatistics,
  provisions: readonly Provision[],
  scope: CaseDossier['scope'],
): Statement[] {
  const out: Omit<Statement, 'ref'>[] = [];
  const count = <K extends string>(key: (i: CaseIncident) => K): string =>
    [...groupBy(incidents, key).entries()].map(([k, v]) => `${k} ${v.length}`).join(', ');
  const regions = count((i) => {
    const r = i.incident.targetRegion;
    return r.iso ? (r.name ? `${r.name} (${r.iso})` : r.iso) : r.raw || 'unknown';
  });
  out.push({
    text: `The case covers ${incidents.length} incident(s) recorded in the registry from ${scope.from.slice(0, 10)} to ${lastDayOf(scope.to)} (inclusive)${scope.model ? ` of type '${scope.model}' (identified as it, or reported as it when not identified)` : ''}: by target region ${regions}; by outcome ${count((i) => i.incident.outcome)}.`,
    exhibits: [],
    runs: [],
    provisions: [],
    basis: `registry: ${refsOf(incidents)}`,
  });

  const identified = incidents.filter((i) => i.identification?.top);
  for (const [typeId, group] of groupBy(identified, (i) => i.identification!.top!.id)) {
    const name = group[0]!.identification!.top!.name;
    const each = group
      .map(
        (i) =>
          `${i.ref} ${i.identification!.confidence?.words ?? ''} (${formatProbability(i.identification!.top!.posterior)})`,
      )
      .join('; ');
    const physical = group.filter((i) => i.identification!.physicalEvidence).length;
    out.push({
      text: `In ${group.length} of ${incidents.length} incident(s) the leading identification is ${name} (${typeId}): ${each}. ${physical} of them rest on physical debris, ${group.length - physical} on the flight profile alone.`,
      exhibits: group.flatMap((i) => typeStatement(i)?.exhibits ?? []),
      runs: group.map((i) => i.identification!.runId),
      provisions: [],
      basis: `each incident's identification finding (${group.map((i) => typeStatement(i)?.ref ?? i.ref).join(', ')})`,
    });
  }
  const unidentified = incidents.filter((i) => !i.identification?.top);
  if (unidentified.length > 0)
    out.push({
      text: `${unidentified.length} incident(s) have no identification finding: ${refsOf(unidentified)}.`,
      exhibits: [],
      runs: [],
      provisions: [],
      basis: 'no identification run is stored for them',
    });

  const reconstructed = incidents.filter((i) => i.reconstruction);
  if (reconstructed.length > 0) {
    const each = reconstructed
      .map(
        (i) =>
          `${i.ref} from ${latLon(i.reconstruction!.launch.lat, i.reconstruction!.launch.lon)} (95 % ellipse ${ellipseText(i.reconstruction!.launch.ellipse95)})`,
      )
      .join('; ');
    const breakups = reconstructed.filter((i) => i.reconstruction!.breakupDetected);
    out.push({
      text: `Launch points are estimated for ${reconstructed.length} of ${incidents.length} incident(s): ${each}. In-flight breakup detected in ${breakups.length}${breakups.length ? ` (${refsOf(breakups)})` : ''}.`,
      exhibits: [
        ...new Set(
          reconstructed.flatMap(
            (i) => i.statements.find((s) => s.runs.includes(i.reconstruction!.runId))?.exhibits ?? [],
          ),
        ),
      ],
      runs: reconstructed.map((i) => i.reconstruction!.runId),
      provisions: [],
      basis: "each incident's reconstruction finding",
    });
  }

  const t = stats.total;
  out.push({
    text:
      t.knownOutcomes > 0 && t.failureRate !== null
        ? `Of the ${t.knownOutcomes} incident(s) with a known outcome, ${t.failures} failed in flight (airburst or deviated): a failure rate of ${percent(t.failureRate)} (${interval(t.failureCi95)}, Wilson score).`
        : 'No incident in the scope has a known outcome: no failure rate can be stated.',
    exhibits: [],
    runs: [],
    provisions: [],
    basis: 'registry statistics over the same scope (salvo stats)',
  });
  const md = stats.missingData;
  if (md)
    out.push({
      text: `With ${md.launches} launches known from elsewhere, most of unknown outcome, the failure rate lies between ${percent(md.bounds[0])} and ${percent(md.bounds[1])} whatever those outcomes were (worst-case bounds; ${interval(md.boundsCi95)}), and is ${percent(md.bayes.rate)} (${interval(md.bayes.ci95)}) if failures and successes leave debris at rates learnt from the incidents (a model, stated in the methodology).`,
      exhibits: [],
      runs: [],
      provisions: [],
      basis: 'statistics/missing-data.ts over the registry counts and the launches given',
    });

  const dated = incidents.filter((i) => i.assembly);
  if (dated.length > 0)
    out.push({
      text: `Components recorded from the debris bound the assembly of ${dated.length} missile(s): ${dated.map((i) => `${i.ref} not before ${i.assembly!.notBefore}`).join('; ')}.`,
      exhibits: [
        ...new Set(
          dated.flatMap((i) => i.statements.find((s) => s.text === i.assembly!.sentence)?.exhibits ?? []),
        ),
      ],
      runs: [],
      provisions: [],
      basis: "each incident's component finding",
    });

  if (provisions.length > 0) {
    const bearing = incidents.filter((i) => i.statements.some((s) => s.provisions.length > 0));
    out.push({
      text: `For ${bearing.length} incident(s) (${refsOf(bearing)}) the leading type is of DPRK origin, so the findings bear on the arms-transfer provisions of ${listText(provisions.map((p) => p.symbol))}, each with the confidence its incident states. This dossier states facts; it draws no legal conclusion.`,
      exhibits: [],
      runs: [],
      provisions: provisions.map((p) => p.ref),
      basis: `the incidents' provision findings (${bearing
        .map((i) => i.statements.find((s) => s.provisions.length > 0)!.ref)
        .join(', ')})`,
    });
  }
  return out.map((x, i) => ({ ref: `C${i + 1}`, ...x }));
}

/** The incident's type statement (the one carrying a confidence and no provision). */
const typeStatement = (i: CaseIncident): Statement | undefined =>
  i.statements.find((s) => s.confidence && s.provisions.length === 0);

function methodologyOf(dossiers: readonly Dossier[], incidents: readonly CaseIncident[]): Methodology {
  const methods = new Map<string, Methodology['methods'][number]>();
  const inputs = new Map<string, Methodology['inputs'][number]>();
  const assumptions = new Set<string>();
  const catalogues = new Set<string>();
  for (const [k, d] of dossiers.entries()) {
    const m = d.methodology;
    for (const x of m.methods) methods.set(`${x.role}\u0000${x.name}\u0000${x.version}`, x);
    for (const x of m.inputs)
      if (!inputs.has(x.sha256))
        inputs.set(x.sha256, { label: `${incidents[k]!.ref}: ${x.label}`, sha256: x.sha256 });
    for (const a of m.assumptions) assumptions.add(a);
    if (m.catalogueVersion) catalogues.add(m.catalogueVersion);
  }
  methods.set('case statistics', {
    name: 'salvo stats (Wilson score intervals; missing-data bounds and Bayes estimate)',
    version: 'registry/services/stats.ts',
    role: 'case statistics',
  });
  assumptions.add(
    'Case statistics count registry incidents in the scope; launches that never became an incident record are not counted unless a launch total is given.',
  );
  return {
    methods: [...methods.values()],
    catalogueVersion: catalogues.size ? [...catalogues].sort().join(', ') : null,
    inputs: [...inputs.values()],
    confidenceScale: CONFIDENCE_SCALE,
    confidenceNote: CONFIDENCE_NOTE,
    assumptions: [...assumptions],
    errorRates: documentedErrorRates(),
  };
}

/** Each distinct limit once: plain when it holds for every incident, followed by the refs otherwise. */
function limitsOf(
  dossiers: readonly Dossier[],
  incidents: readonly CaseIncident[],
  launches: number | null,
): string[] {
  const holders = new Map<string, string[]>();
  for (const [k, d] of dossiers.entries())
    for (const l of d.limits) holders.set(l, [...(holders.get(l) ?? []), incidents[k]!.ref]);
  const out = [
    'The case is the registry as it stands: an incident that was never recorded is neither listed nor counted.',
    ...(launches === null
      ? [
          'No launch total was given: the failure rate is over incidents with a known outcome, and failures that left no debris and no report are missing from it.',
        ]
      : []),
  ];
  for (const [text, refs] of holders)
    out.push(refs.length === incidents.length ? text : `${text} (${refs.join(', ')})`);
  return out;
}
