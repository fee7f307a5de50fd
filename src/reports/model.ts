/**
 * The report model (issue 8): what a dossier or a bulletin says, built once by a service from stored facts
 * and then rendered by pure renderers (HTML, Markdown, Atom, PDF through HTML). Renderers never query and
 * never recompute: every figure below was computed by the module that owns it (reconstruction,
 * identification, tracing, statistics, evidence) and is only copied and formatted here.
 *
 * Redaction happens when the model is built (see redaction.ts): material above the edition's audience is never
 * put into the model, so no renderer can leak it.
 */
import type { Sensitivity } from '../evidence/model/sensitivity.js';

/** Who an edition is for: the most protected sensitivity it may contain. */
export type Audience = Sensitivity;

export const DOSSIER_FORMAT = 'salvo-dossier/1';
export const BULLETIN_FORMAT = 'salvo-bulletin/1';

export interface IncidentFacts {
  readonly id: string;
  readonly occurredAt: string;
  /** The time as the source wrote it. */
  readonly occurredAtRaw: string;
  readonly location: {
    readonly lat: number;
    readonly lon: number;
    readonly precisionM: number | null;
  } | null;
  readonly targetRegion: { readonly iso: string | null; readonly raw: string; readonly name: string | null };
  readonly launchRegion: { readonly iso: string | null; readonly raw: string; readonly name: string | null };
  readonly launchPoint: { readonly lat: number; readonly lon: number } | null;
  readonly modelClaimedRaw: string;
  readonly modelClaimed: string | null;
  readonly outcome: string;
  readonly debrisRecovered: boolean | null;
  readonly identifiedType: string | null;
  readonly killed: number | null;
  readonly injured: number | null;
  readonly sourceUrl: string;
  readonly notes: string;
  /** The imported file the incident came from, and the line. */
  readonly source: {
    readonly id: string;
    readonly line: number;
    readonly fileName: string | null;
    readonly sha256: string | null;
    readonly importedAt: string | null;
  };
}

/** A posterior probability and its words on the stated scale (confidence.ts). */
export interface Confidence {
  readonly probability: number;
  readonly words: string;
  /** Why the words are not the scale's for this probability (a cap), when they are not. */
  readonly cap?: string;
}

/** A summary statement of the dossier, with what supports it. */
export interface Statement {
  /** F1, F2, ... */
  readonly ref: string;
  readonly text: string;
  readonly confidence?: Confidence;
  /** Exhibit refs (E1, ...) that support it. */
  readonly exhibits: readonly string[];
  /** Analysis runs it comes from. */
  readonly runs: readonly string[];
  /** Provision refs (P1, ...) it bears on. */
  readonly provisions: readonly string[];
  /** How the exhibits were linked (exact by hash, by item, or by kind). */
  readonly basis?: string;
}

export interface CustodyLine {
  readonly index: number;
  readonly event: string;
  readonly actor: string;
  readonly at: string;
  readonly place: string | null;
  readonly hash: string;
}

export interface InclusionProof {
  /** The log index (Merkle leaf) of the event proved. */
  readonly index: number;
  /** The event's hash (leaf data). */
  readonly eventHash: string;
  /** Audit path, bottom up, hex. */
  readonly path: readonly string[];
}

export interface Exhibit {
  /** E1, E2, ... in the order of the exhibit list. */
  readonly ref: string;
  readonly id: string;
  readonly kind: string;
  readonly media: string;
  readonly sensitivity: Sensitivity;
  readonly title: string;
  readonly description: string | null;
  readonly sha256: string | null;
  readonly sizeBytes: number | null;
  readonly fileName: string | null;
  readonly capturedAt: string | null;
  readonly url: string | null;
  /** A physical item's seal and bag, find spot. */
  readonly physical: {
    readonly seal: string | null;
    readonly bag: string | null;
    readonly foundPlace: string | null;
    readonly foundPrecision: string | null;
  } | null;
  readonly parent: string | null;
  readonly depicts: string | null;
  readonly custody: {
    readonly custodian: string;
    readonly location: string | null;
    readonly events: number;
    readonly collected: CustodyLine | null;
    readonly latest: CustodyLine | null;
    /** The first and last few events (all when few). */
    readonly excerpt: readonly CustodyLine[];
    readonly headHash: string;
  };
  /** Inclusion of the item's latest checkpointed event in the dossier's checkpoint; null without one. */
  readonly proof: InclusionProof | null;
}

export interface CheckpointFacts {
  readonly size: number;
  readonly root: string;
  readonly at: string;
  readonly actor: string;
  readonly key: string;
  readonly log: string;
  /** The signed text and its Ed25519 signature (base64): the line to publish. */
  readonly text: string;
  readonly signature: string;
}

export interface EllipseFacts {
  readonly semiMajorM: number;
  readonly semiMinorM: number;
  readonly orientationDeg: number;
}

export interface PointFacts {
  readonly lat: number;
  readonly lon: number;
  readonly time: string;
  readonly timeSigmaS: number;
  readonly ellipse95: EllipseFacts;
  readonly crlb95: { readonly semiMajorM: number; readonly semiMinorM: number };
}

/** An observed 3-D position from the stored track (radar plot, fix, impact, breakup), for the figures. */
export interface ObservedPoint {
  readonly kind: string;
  readonly t: string | null;
  readonly lat: number;
  readonly lon: number;
  readonly altM: number | null;
}

export interface ReconstructionFacts {
  readonly runId: string;
  readonly createdAt: string;
  readonly method: { readonly name: string; readonly version: string };
  readonly templateId: string | null;
  readonly catalogueVersion: string | null;
  readonly inputSha256: string;
  readonly launch: PointFacts;
  readonly impact: PointFacts | null;
  readonly breakup: {
    readonly detected: boolean;
    readonly statistic: number;
    readonly pValue: number;
    readonly lat: number | null;
    readonly lon: number | null;
    readonly altM: number | null;
    readonly time: string | null;
  };
  readonly profile: {
    readonly apogeeM: number;
    readonly maxSpeedMps: number;
    readonly groundRangeM: number;
    readonly flightTimeS: number;
    readonly burnoutTimeS: number;
    readonly burnoutAltM: number;
    readonly burnoutSpeedMps: number;
  };
  readonly fit: { readonly chi2: number; readonly dof: number; readonly normalisedResidualRms: number };
  readonly types: readonly { id: string; logLikelihood: number; chi2PerDof: number; bic: number }[];
  /**
   * The manoeuvre check of reconstruction method 1.2.0 (null: not run, or a run of an earlier method). When
   * detected, the launch and impact above are those of the expanded fit.
   */
  readonly manoeuvre: {
    readonly detected: boolean;
    readonly statistic: number;
    readonly pValue: number;
    readonly startS: number | null;
    readonly endS: number | null;
    readonly normalAccelMps2: number | null;
    readonly normalAccelSigmaMps2: number | null;
  } | null;
  /** The stored track's located observations (for the map and the altitude profile), at most a few hundred. */
  readonly observed: readonly ObservedPoint[];
}

export interface CandidateFacts {
  readonly id: string;
  readonly name: string;
  readonly originState: string | null;
  readonly posterior: number;
  readonly confidence: Confidence;
  readonly contributions: readonly { feature: string; logLR: number }[];
}

export interface IdentificationFacts {
  readonly runId: string;
  readonly createdAt: string;
  readonly methodVersion: string;
  readonly catalogueVersion: string;
  readonly inputSha256: string;
  /** The features the finding used, as stored (name -> value or {value, sigma}). */
  readonly features: Readonly<Record<string, unknown>>;
  readonly candidates: readonly CandidateFacts[];
  readonly nonePosterior: number;
  /** "diameter 1.02 ± 0.03 m supports KN-23 over Iskander-M by 8.7:1" (identification/explain.ts). */
  readonly explanations: readonly string[];
  /** Whether any physical-debris feature (diameter, length, markings, jet vanes) entered the finding. */
  readonly physicalEvidence: boolean;
  readonly reconstructionRun: string | null;
}

export interface ComponentFacts {
  readonly id: string;
  /** Exhibit ref of the item the component was recovered from. */
  readonly exhibit: string;
  readonly marking: string;
  readonly manufacturer: string | null;
  readonly country: string | null;
  readonly partNumber: string | null;
  readonly dateCode: {
    readonly raw: string;
    readonly from: string;
    readonly to: string;
    readonly confidence: number;
    readonly note: string;
  } | null;
}

export interface ComponentsFacts {
  readonly components: readonly ComponentFacts[];
  readonly byCountry: readonly { key: string; count: number; share: number }[];
  readonly byManufacturer: readonly { key: string; country: string | null; count: number; share: number }[];
  readonly assembly: {
    readonly notBefore: string;
    readonly sentence: string;
    readonly setBy: readonly string[];
  } | null;
}

export interface Provision {
  /** P1, P2, ... */
  readonly ref: string;
  readonly symbol: string;
  readonly title: string;
  readonly paragraphs: string;
  /** Salvo's own one-line summary, never presented as a quotation. */
  readonly summary: string;
  /** Verbatim text, only where it has been checked against the official document; otherwise null. */
  readonly quotation: string | null;
  readonly url: string;
}

export interface ErrorRate {
  readonly topic: string;
  readonly figure: string;
  readonly source: string;
}

export interface Methodology {
  readonly methods: readonly { name: string; version: string; role: string }[];
  readonly catalogueVersion: string | null;
  readonly inputs: readonly { label: string; sha256: string }[];
  readonly confidenceScale: readonly { min: number; max: number; words: string }[];
  readonly confidenceNote: string;
  readonly assumptions: readonly string[];
  readonly errorRates: readonly ErrorRate[];
}

export interface Edition {
  readonly audience: Audience;
  readonly label: string;
  /** What the edition leaves out, as counts only (never identifiers). */
  readonly withheld: { readonly items: number; readonly note: string } | null;
}

export interface Dossier {
  readonly format: typeof DOSSIER_FORMAT;
  readonly title: string;
  readonly generatedAt: string;
  readonly generator: { readonly name: string; readonly version: string };
  readonly edition: Edition;
  readonly incident: IncidentFacts;
  readonly statements: readonly Statement[];
  readonly reconstruction: ReconstructionFacts | null;
  readonly identification: IdentificationFacts | null;
  readonly components: ComponentsFacts | null;
  readonly exhibits: readonly Exhibit[];
  readonly checkpoint: CheckpointFacts | null;
  readonly methodology: Methodology;
  readonly provisions: readonly Provision[];
  readonly limits: readonly string[];
}

/** A dossier with its document hash: SHA-256 of the RFC 8785 canonical JSON of `dossier`. */
export interface HashedDossier {
  readonly dossier: Dossier;
  readonly sha256: string;
}

export interface KeyFigure {
  readonly label: string;
  readonly value: string;
  /** A 95 % interval or ellipse, as text, when the figure has one. */
  readonly interval?: string;
}

export interface BulletinItem {
  readonly incidentId: string;
  /** A permanent Atom id (urn:uuid from the incident id). */
  readonly entryId: string;
  readonly headline: string;
  readonly lead: string;
  readonly keyFigures: readonly KeyFigure[];
  readonly sources: readonly { title: string; url: string | null; sha256: string | null }[];
  readonly tags: readonly string[];
  /** When the entry first appeared (the source import) and was last changed (latest analysis). */
  readonly published: string;
  readonly updated: string;
  readonly occurredAt: string;
}

export interface Bulletin {
  readonly format: typeof BULLETIN_FORMAT;
  readonly title: string;
  readonly feedId: string;
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  readonly generator: { readonly name: string; readonly version: string };
  /** Latest `updated` of the items (the period's start when empty): deterministic, not the clock. */
  readonly updated: string;
  readonly author: string;
  readonly tagsFilter: readonly string[];
  readonly summary: readonly KeyFigure[];
  readonly items: readonly BulletinItem[];
  readonly checkpoint: CheckpointFacts | null;
  readonly confidenceNote: string;
}

export const CASE_DOSSIER_FORMAT = 'salvo-case-dossier/1';

/** What a case covers: incidents that occurred in [from, to), optionally of one type (as `salvo stats --model`). */
export interface CaseScope {
  readonly from: string;
  /** Exclusive. */
  readonly to: string;
  /** A type or model id: incidents identified as it, or claimed as it when not identified. */
  readonly model: string | null;
  /** Launches known from elsewhere (e.g. ~50 for the 2023-24 campaign), for the missing-data estimates. */
  readonly launches: number | null;
}

/** One incident of a case: its own dossier's hash and the parts the case shows, refs prefixed (I1.E1, I1.F1). */
export interface CaseIncident {
  /** I1, I2, ... in time order. */
  readonly ref: string;
  /** SHA-256 of the incident's own dossier (same edition and generation time): `salvo report incident`. */
  readonly dossierSha256: string;
  readonly incident: IncidentFacts;
  readonly statements: readonly Statement[];
  readonly identification: {
    readonly runId: string;
    readonly top: { readonly id: string; readonly name: string; readonly posterior: number } | null;
    readonly confidence: Confidence | null;
    readonly physicalEvidence: boolean;
  } | null;
  readonly reconstruction: {
    readonly runId: string;
    readonly launch: PointFacts;
    readonly impact: PointFacts | null;
    readonly breakupDetected: boolean;
  } | null;
  readonly assembly: { readonly notBefore: string; readonly sentence: string } | null;
  readonly components: number;
  readonly exhibits: readonly Exhibit[];
  readonly withheld: number;
}

/** One row of the case's statistics: a rate with its 95 % interval (registry/services/stats.ts). */
export interface CaseRate {
  readonly key: string;
  readonly label: string;
  readonly incidents: number;
  readonly knownOutcomes: number;
  readonly failures: number;
  readonly failureRate: number | null;
  readonly failureCi95: readonly [number, number] | null;
  readonly intercepted: number;
  readonly debrisRecovered: number;
}

export interface CaseStatistics {
  readonly byTargetRegion: readonly CaseRate[];
  readonly total: CaseRate;
  /** The failure rate under three assumptions about launches of unknown outcome (with `launches`). */
  readonly missingData: {
    readonly launches: number;
    readonly naive: { readonly rate: number | null; readonly ci95: readonly [number, number] };
    readonly bounds: readonly [number, number];
    readonly boundsCi95: readonly [number, number];
    readonly bayes: { readonly rate: number; readonly ci95: readonly [number, number] };
    readonly assumptions: readonly string[];
  } | null;
  readonly notes: readonly string[];
}

/**
 * A case-level dossier (issue 8): several incidents under one scope, each with its own dossier's hash, the
 * case's findings over them, its statistics, every exhibit (refs prefixed by incident), one checkpoint.
 */
export interface CaseDossier {
  readonly format: typeof CASE_DOSSIER_FORMAT;
  readonly title: string;
  readonly generatedAt: string;
  readonly generator: { readonly name: string; readonly version: string };
  readonly edition: Edition;
  readonly scope: CaseScope;
  readonly statements: readonly Statement[];
  readonly incidents: readonly CaseIncident[];
  readonly statistics: CaseStatistics;
  readonly checkpoint: CheckpointFacts | null;
  readonly methodology: Methodology;
  readonly provisions: readonly Provision[];
  readonly limits: readonly string[];
}

export interface HashedCaseDossier {
  readonly dossier: CaseDossier;
  readonly sha256: string;
}
