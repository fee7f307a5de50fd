import type { AnalysisRun } from '../cases/analysis-run.js';
import { canonicalJson } from '../evidence/model/canonical.js';
import type { EvidenceItem } from '../evidence/model/item.js';
import { explainTopTwo, parseEvidence, type IdentificationResult } from '../identification/index.js';
import { err, ok, salvoError, type Result } from '../kernel/index.js';
import { earliestAssembly } from '../tracing/model/assembly.js';
import type { Component } from '../tracing/model/component.js';
import { byCountry, byManufacturer } from '../tracing/model/summary.js';
import {
  CONFIDENCE_NOTE,
  CONFIDENCE_SCALE,
  confidenceOf,
  formatProbability,
  PHYSICAL_FEATURES,
} from './confidence.js';
import { documentedErrorRates } from './error-rates.js';
import { distance, ellipseText, latLon, listText, pValue, utc } from './format.js';
import {
  DOSSIER_FORMAT,
  type Audience,
  type CheckpointFacts,
  type ComponentsFacts,
  type CustodyLine,
  type Dossier,
  type Exhibit,
  type HashedDossier,
  type IdentificationFacts,
  type Methodology,
  type Provision,
  type ReconstructionFacts,
  type Statement,
} from './model.js';
import { reconstructionOf } from './facts.js';
import type { DossierSource, ReportHasher } from './ports.js';
import { dprkArmsProvisions, PROVISION_ORIGINS } from './provisions.js';
import { editionOf, mayInclude, redactIdentifiers } from './redaction.js';

export interface DossierOptions {
  readonly incident: string;
  readonly audience: Audience;
  /** When the dossier is generated (ISO 8601 UTC): passed in, never read from a clock here. */
  readonly generatedAt: string;
  readonly generator: { readonly name: string; readonly version: string };
  /** Custody events shown per exhibit: the first and last `excerpt / 2` when there are more. Default 6. */
  readonly excerpt?: number;
}

/**
 * Builds the dossier of one incident from stored facts (issue 8): findings in calibrated words, exhibits with
 * custody and inclusion proofs, methodology and limits, provisions. Redacts by audience while building. The
 * document hash is SHA-256 over the RFC 8785 canonical JSON of the dossier.
 */
export async function buildDossier(
  source: DossierSource,
  hasher: ReportHasher,
  options: DossierOptions,
): Promise<Result<HashedDossier>> {
  const r = await buildDossierWithheld(source, hasher, options);
  return r.ok ? ok(r.value.hashed) : r;
}

/**
 * {@link buildDossier}, and the identifiers (id, SHA-256, file name) of the items its edition left out, for a
 * document that contains the dossier and must be scrubbed of them too (the case dossier).
 */
export async function buildDossierWithheld(
  source: DossierSource,
  hasher: ReportHasher,
  options: DossierOptions,
): Promise<Result<{ hashed: HashedDossier; withheld: string[] }>> {
  const incident = await source.incident(options.incident);
  if (!incident)
    return err(
      salvoError('NOT_FOUND', `no incident '${options.incident}' in the store`, [
        { field: 'incident', reason: 'unknown incident id' },
      ]),
    );
  const runs = await source.analysisRuns(incident.id);
  const recRun = runs.find((r) => r.kind === 'reconstruction');
  const idRun = runs.find((r) => r.kind === 'identification');

  const all = await source.evidenceItems(incident.id);
  const included = all
    .filter((i) => mayInclude(options.audience, i.sensitivity))
    .sort((a, b) => a.id.localeCompare(b.id));
  const refOf = new Map(included.map((i, k) => [i.id, `E${k + 1}`]));
  const checkpoint = (await source.latestCheckpoint()) ?? null;
  const exhibits: Exhibit[] = [];
  for (const item of included)
    exhibits.push(await exhibitOf(source, item, refOf, checkpoint, options.excerpt ?? 6));

  const components = await componentsOf(source, included, refOf);
  const reconstruction = recRun ? reconstructionOf(recRun) : null;
  const identification = idRun ? await identificationOf(source, idRun) : null;
  const top = identification?.candidates[0];
  const provisions: Provision[] =
    top && top.originState && PROVISION_ORIGINS.includes(top.originState) ? dprkArmsProvisions() : [];

  const statements = statementsOf({
    incident,
    reconstruction,
    identification,
    components,
    exhibits,
    included,
    refOf,
    provisions,
  });
  const withheld = all
    .filter((i) => !mayInclude(options.audience, i.sensitivity))
    .flatMap((i) => [i.id, i.sha256 ?? '', i.fileName ?? '']);
  const dossier: Dossier = redactIdentifiers<Dossier>(
    {
      format: DOSSIER_FORMAT,
      title: `Dossier: incident ${incident.id}`,
      generatedAt: options.generatedAt,
      generator: options.generator,
      edition: editionOf(options.audience, all.length - included.length),
      incident,
      statements,
      reconstruction,
      identification,
      components,
      exhibits,
      checkpoint,
      methodology: methodologyOf(incident, reconstruction, identification),
      provisions,
      limits: limitsOf(reconstruction, identification, components, checkpoint, exhibits),
    },
    withheld,
  );
  return ok({ hashed: { dossier, sha256: hasher.sha256Hex(canonicalJson(dossier)) }, withheld });
}

async function exhibitOf(
  source: DossierSource,
  item: EvidenceItem,
  refOf: ReadonlyMap<string, string>,
  checkpoint: CheckpointFacts | null,
  excerptSize: number,
): Promise<Exhibit> {
  const events = await source.custody(item.id);
  const half = Math.max(1, Math.floor(excerptSize / 2));
  const excerpt: CustodyLine[] =
    events.length <= excerptSize ? events : [...events.slice(0, half), ...events.slice(-half)];
  const proved = checkpoint ? [...events].reverse().find((e) => e.index < checkpoint.size) : undefined;
  const proof =
    checkpoint && proved
      ? {
          index: proved.index,
          eventHash: proved.hash,
          path: await source.inclusionProof(proved.index, checkpoint.size),
        }
      : null;
  const linked = (id: string | undefined): string | null =>
    id === undefined ? null : (refOf.get(id) ?? null);
  return {
    ref: refOf.get(item.id)!,
    id: item.id,
    kind: item.kind,
    media: item.media,
    sensitivity: item.sensitivity,
    title: item.title,
    description: item.description ?? null,
    sha256: item.sha256 ?? null,
    sizeBytes: item.sizeBytes ?? null,
    fileName: item.fileName ?? null,
    capturedAt: item.capturedAt ?? null,
    url: item.url ?? null,
    physical:
      item.kind === 'physical'
        ? {
            seal: item.custody.sealNumber ?? item.sealNumber ?? null,
            bag: item.custody.bagNumber ?? item.bagNumber ?? null,
            foundPlace: item.foundAt?.place ?? null,
            foundPrecision: item.foundAt
              ? item.foundAt.precision === 'within_m' && item.foundAt.withinM !== undefined
                ? `within ${item.foundAt.withinM} m`
                : item.foundAt.precision
              : null,
          }
        : null,
    // A parent or depicted item left out of the edition is not named.
    parent: linked(item.parent),
    depicts: linked(item.depicts),
    custody: {
      custodian: item.custody.custodian,
      location: item.custody.location ?? null,
      events: events.length,
      collected: events[0] ?? null,
      latest: events[events.length - 1] ?? null,
      excerpt,
      headHash: item.headHash,
    },
    proof,
  };
}

async function componentsOf(
  source: DossierSource,
  included: readonly EvidenceItem[],
  refOf: ReadonlyMap<string, string>,
): Promise<ComponentsFacts | null> {
  if (included.length === 0) return null;
  const cs: Component[] = await source.components(included.map((i) => i.id));
  if (cs.length === 0) return null;
  const bound = earliestAssembly(cs);
  return {
    components: cs.map((c) => ({
      id: c.id,
      exhibit: refOf.get(c.item)!,
      marking: c.marking,
      manufacturer: c.manufacturer ?? c.manufacturerRaw ?? null,
      country: c.country ?? null,
      partNumber: c.partNumber ?? null,
      dateCode: c.dateCode
        ? {
            raw: c.dateCode.raw,
            from: c.dateCode.from,
            to: c.dateCode.to,
            confidence: c.dateCode.confidence,
            note: c.dateCode.note,
          }
        : null,
    })),
    byCountry: byCountry(cs).map((r) => ({ key: r.key, count: r.count, share: r.share })),
    byManufacturer: byManufacturer(cs).map((r) => ({
      key: r.key,
      country: r.country ?? null,
      count: r.count,
      share: r.share,
    })),
    assembly: bound
      ? { notBefore: bound.notBefore, sentence: bound.sentence, setBy: bound.setBy.map((c) => c.id) }
      : null,
  };
}

async function identificationOf(source: DossierSource, run: AnalysisRun): Promise<IdentificationFacts> {
  const r = run.result as IdentificationResult;
  const config = (run.config ?? {}) as { reconstructionRun?: string | null };
  let input: unknown;
  try {
    input = JSON.parse(run.input);
  } catch {
    input = {};
  }
  const features = ((input as { features?: Record<string, unknown> }).features ?? {}) as Record<
    string,
    unknown
  >;
  const ids = new Set(r.candidates.map((c) => c.id));
  const ev = parseEvidence(input, ids);
  const explanations = ev.ok ? explainTopTwo(r, ev.value) : [];
  const usedFeatures = new Set((r.candidates[0]?.contributions ?? []).map((c) => c.feature as string));
  const physicalEvidence = PHYSICAL_FEATURES.some((f) => usedFeatures.has(f));
  const shown = r.candidates.slice(0, 6);
  const candidates = [];
  for (const c of shown) {
    const info = await source.typeInfo(c.id);
    candidates.push({
      id: c.id,
      name: c.name,
      originState: info?.originState ?? null,
      posterior: c.posterior,
      confidence: confidenceOf(c.posterior, { profileOnly: !physicalEvidence }),
      contributions: c.contributions.map((x) => ({ feature: x.feature, logLR: x.logLR })),
    });
  }
  return {
    runId: run.id,
    createdAt: run.createdAt,
    methodVersion: run.methodVersion,
    catalogueVersion: r.catalogueVersion,
    inputSha256: run.inputSha256,
    features,
    candidates,
    nonePosterior: r.nonePosterior,
    explanations,
    physicalEvidence,
    reconstructionRun: config.reconstructionRun ?? null,
  };
}

interface StatementInputs {
  readonly incident: Dossier['incident'];
  readonly reconstruction: ReconstructionFacts | null;
  readonly identification: IdentificationFacts | null;
  readonly components: ComponentsFacts | null;
  readonly exhibits: readonly Exhibit[];
  readonly included: readonly EvidenceItem[];
  readonly refOf: ReadonlyMap<string, string>;
  readonly provisions: readonly Provision[];
}

function statementsOf(s: StatementInputs): Statement[] {
  const out: Omit<Statement, 'ref'>[] = [];
  const byHash = (sha: string): string[] => s.exhibits.filter((e) => e.sha256 === sha).map((e) => e.ref);
  const inc = s.incident;
  const casualties =
    inc.killed === null && inc.injured === null
      ? 'no casualty figures'
      : `${inc.killed ?? 'unknown'} killed and ${inc.injured ?? 'unknown'} injured`;
  out.push({
    text: `The registry records a strike on ${utc(inc.occurredAt)} in ${inc.targetRegion.name ?? (inc.targetRegion.raw || 'an unknown region')}${inc.targetRegion.iso ? ` (${inc.targetRegion.iso})` : ''}, outcome "${inc.outcome}", with ${casualties}; the object was reported as "${inc.modelClaimedRaw || 'unknown'}".`,
    exhibits: [],
    runs: [],
    provisions: [],
    basis: `registry: ${inc.source.fileName ?? inc.source.id}, line ${inc.source.line}${inc.source.sha256 ? ` (file SHA-256 ${inc.source.sha256})` : ''}`,
  });
  const rec = s.reconstruction;
  if (rec) {
    const track = byHash(rec.inputSha256);
    const basis = track.length
      ? 'exact: the exhibit is the analysis input (same SHA-256)'
      : `the analysis input (SHA-256 ${rec.inputSha256}) is not an exhibit of this edition`;
    out.push({
      text: `The flight was launched from ${latLon(rec.launch.lat, rec.launch.lon)} at ${utc(rec.launch.time)} ± ${rec.launch.timeSigmaS.toFixed(1)} s; the 95 % confidence ellipse is ${ellipseText(rec.launch.ellipse95)}, against ${ellipseText(rec.launch.crlb95)} allowed by the Cramér–Rao bound.`,
      exhibits: track,
      runs: [rec.runId],
      provisions: [],
      basis,
    });
    const man = rec.manoeuvre;
    if (man?.detected)
      out.push({
        text: `The track departs from the template's ballistic flight in a way a pull-up explains: ${man.normalAccelMps2?.toFixed(2) ?? '?'} ± ${man.normalAccelSigmaMps2?.toFixed(2) ?? '?'} m/s² normal acceleration from about ${man.startS?.toFixed(0) ?? '?'} s to ${man.endS?.toFixed(0) ?? '?'} s after launch (likelihood-ratio statistic ${man.statistic.toFixed(1)}, p = ${pValue(man.pValue)}). The launch and impact estimates above are those of the fit that includes this manoeuvre.`,
        exhibits: track,
        runs: [rec.runId],
        provisions: [],
        basis,
      });
    if (rec.breakup.detected)
      out.push({
        text: `The track shows an in-flight breakup${rec.breakup.time ? ` at ${utc(rec.breakup.time)}` : ''}${rec.breakup.altM !== null ? ` at about ${distance(rec.breakup.altM)} altitude` : ''} (likelihood-ratio statistic ${rec.breakup.statistic.toFixed(2)}, p = ${pValue(rec.breakup.pValue)}).`,
        exhibits: track,
        runs: [rec.runId],
        provisions: [],
        basis,
      });
    else if (rec.impact)
      out.push({
        text: `The fitted flight reaches the ground at ${latLon(rec.impact.lat, rec.impact.lon)} at ${utc(rec.impact.time)} (95 % ellipse ${ellipseText(rec.impact.ellipse95)}); no in-flight breakup was detected (statistic ${rec.breakup.statistic.toFixed(2)}, p = ${pValue(rec.breakup.pValue)}).`,
        exhibits: track,
        runs: [rec.runId],
        provisions: [],
        basis,
      });
  }
  const id = s.identification;
  const top = id?.candidates[0];
  if (id && top) {
    const physical = s.included.filter(
      (i) => i.kind === 'physical' || (i.depicts !== undefined && s.refOf.has(i.depicts)),
    );
    const refs = [...new Set([...byHash(id.inputSha256), ...physical.map((i) => s.refOf.get(i.id)!)])];
    out.push({
      text: `It is ${top.confidence.words} (posterior ${formatProbability(top.posterior)}) that the object was a ${top.name}${top.originState ? ` (origin state ${top.originState})` : ''}; "none of the catalogue" has posterior ${formatProbability(id.nonePosterior)}.`,
      confidence: top.confidence,
      exhibits: refs,
      runs: [id.runId, ...(id.reconstructionRun ? [id.reconstructionRun] : [])],
      provisions: [],
      basis: refs.length
        ? 'the debris exhibits of the incident (physical items and photos of them) and any exhibit that is the features file'
        : 'the stored features; no debris exhibit in this edition',
    });
    if (s.provisions.length > 0)
      out.push({
        text: `If the object was a ${top.name} (${top.confidence.words}, see above), its transfer from the DPRK bears on the arms-transfer provisions of ${listText(s.provisions.map((p) => p.symbol))}. This dossier states facts; it draws no legal conclusion.`,
        confidence: top.confidence,
        exhibits: refs,
        runs: [id.runId],
        provisions: s.provisions.map((p) => p.ref),
        basis: 'the type finding above and the origin state in the catalogue',
      });
  }
  const comp = s.components;
  if (comp) {
    const items = [...new Set(comp.components.map((c) => c.exhibit))];
    const countries = comp.byCountry.map((c) => `${c.key} ${c.count}`);
    out.push({
      text: `${comp.components.length} electronic or mechanical component(s) were recorded from the debris; makers' headquarters by country: ${countries.join(', ')}.`,
      exhibits: items,
      runs: [],
      provisions: [],
      basis: 'exact: the components were recorded from these items',
    });
    if (comp.assembly)
      out.push({
        text: comp.assembly.sentence,
        exhibits: [
          ...new Set(
            comp.components.filter((c) => comp.assembly!.setBy.includes(c.id)).map((c) => c.exhibit),
          ),
        ],
        runs: [],
        provisions: [],
        basis: 'exact: the components that set the bound were recorded from these items',
      });
  }
  return out.map((x, i) => ({ ref: `F${i + 1}`, ...x }));
}

function methodologyOf(
  incident: Dossier['incident'],
  rec: ReconstructionFacts | null,
  id: IdentificationFacts | null,
): Methodology {
  const methods = [
    ...(rec ? [{ name: rec.method.name, version: rec.method.version, role: 'flight reconstruction' }] : []),
    ...(id ? [{ name: 'salvo identification', version: id.methodVersion, role: 'type identification' }] : []),
  ];
  const inputs = [
    ...(incident.source.sha256
      ? [
          {
            label: `incident record: ${incident.source.fileName ?? incident.source.id}`,
            sha256: incident.source.sha256,
          },
        ]
      : []),
    ...(rec ? [{ label: `track for reconstruction ${rec.runId}`, sha256: rec.inputSha256 }] : []),
    ...(id ? [{ label: `features for identification ${id.runId}`, sha256: id.inputSha256 }] : []),
  ];
  const assumptions = [
    ...(rec
      ? [
          `The flight follows the motor template '${rec.templateId ?? 'given'}' (constant mass flow, vertical rise, kick, gravity turn) under J2 gravity in rotating ECEF with US Standard Atmosphere 1976 drag; the ballistic coefficient is estimated.`,
          'Observation errors are independent and Gaussian with the sigmas stated in the track; ellipses contain 95 % of a bivariate normal.',
        ]
      : []),
    ...(id
      ? [
          'Features are independent given the type; each type\'s envelope is uniform over its catalogue range convolved with the measurement error; "none of the catalogue" has a prior of 0.05.',
        ]
      : []),
  ];
  return {
    methods,
    catalogueVersion: id?.catalogueVersion ?? rec?.catalogueVersion ?? null,
    inputs,
    confidenceScale: CONFIDENCE_SCALE,
    confidenceNote: CONFIDENCE_NOTE,
    assumptions,
    errorRates: documentedErrorRates(),
  };
}

function limitsOf(
  rec: ReconstructionFacts | null,
  id: IdentificationFacts | null,
  comp: ComponentsFacts | null,
  checkpoint: CheckpointFacts | null,
  exhibits: readonly Exhibit[],
): string[] {
  const out: string[] = [
    'Nothing in this dossier identifies who launched the missile or who transferred it: the data places a launch, it does not name an actor.',
  ];
  if (!rec)
    out.push('No flight reconstruction is stored for this incident: the launch point is not estimated here.');
  else {
    const sorted = [...rec.types].sort((a, b) => a.bic - b.bic);
    if (sorted.length >= 2 && Math.abs(sorted[1]!.bic - sorted[0]!.bic) < 2)
      out.push(
        `The flight path alone cannot separate ${sorted[0]!.id} from ${sorted[1]!.id} (BIC difference ${Math.abs(sorted[1]!.bic - sorted[0]!.bic).toFixed(2)} < 2).`,
      );
    out.push(
      rec.manoeuvre
        ? 'The manoeuvre check models one pull-up segment; a weaving or multi-pulse manoeuvre is only approximated, and a weaker one than 1 m/s² for 20 s is detected less often (docs/accuracy/reconstruction.md).'
        : 'This reconstruction ran without the manoeuvre check (a sightings-only track, a template with its own manoeuvre, or a run of a method before 1.2.0): an unmodelled pull-up would bias the launch point by hundreds of metres while the ellipse keeps its size (docs/accuracy/reconstruction.md).',
    );
    out.push(
      'The map shows the measured track and a geodesic between the launch and impact estimates, not the fitted trajectory itself.',
    );
  }
  if (!id) out.push('No identification finding is stored for this incident.');
  else if (!id.physicalEvidence)
    out.push(
      'The identification rests on flight-profile features alone, which barely separate DPRK short-range types (docs/accuracy/identification.md).',
    );
  if (!comp)
    out.push('No components are recorded from the debris in this edition: no assembly date can be bounded.');
  if (!checkpoint)
    out.push(
      'No signed checkpoint of the custody log exists yet: inclusion proofs cannot be given (run `salvo checkpoint`).',
    );
  if (exhibits.length === 0) out.push('This edition lists no exhibits.');
  return out;
}
