import type { AttackReportDraft } from './model/attack-report.js';
import type { CnsTestDraft } from './model/cns-test.js';
import type { IncidentDraft } from './model/incident.js';
import type { BoundaryDraft } from './importers/boundaries.js';

/** An imported file, recorded once by its SHA-256 (importing the same bytes again adds nothing). */
export interface SourceRecord {
  readonly id: string;
  readonly kind: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly importer: string;
  readonly importerVersion: string;
  readonly importedAt: string;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
}

export interface ModelRegistration {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly recognised: boolean;
}

export interface WriteCount {
  readonly inserted: number;
  /** Rows already stored (same content from an earlier file): skipped, not duplicated. */
  readonly duplicates: number;
}

/** Writes inside one import transaction; nothing is visible to others until it commits. */
export interface ImportSession {
  recordSource(source: SourceRecord): Promise<void>;
  updateSourceCounts(
    id: string,
    counts: Pick<SourceRecord, 'rowsRead' | 'rowsImported' | 'rowsRejected'>,
  ): Promise<void>;
  registerModels(models: readonly ModelRegistration[]): Promise<void>;
  /**
   * Stores reports whose ids are content-derived. A report already stored from ANOTHER source is a duplicate
   * (skipped); one already stored from THIS source is an identical published row repeated within the file,
   * kept as `ID#1`, `ID#2`... so that no published row is lost.
   */
  writeReports(sourceId: string, reports: readonly AttackReportDraft[]): Promise<WriteCount>;
  writeIncidents(sourceId: string, incidents: readonly IncidentDraft[]): Promise<WriteCount>;
  /** Incidents already stored under these ids (read inside the transaction). */
  incidentFingerprints(ids: readonly string[]): Promise<IncidentFingerprint[]>;
  writeCnsTests(sourceId: string, tests: readonly CnsTestDraft[]): Promise<WriteCount>;
  writeBoundaries(sourceId: string, boundaries: readonly BoundaryDraft[]): Promise<WriteCount>;
}

/** Existing incident content, to tell an identical re-import from a conflicting one. */
export interface IncidentFingerprint {
  readonly id: string;
  readonly contentSha256: string;
  readonly sourceId: string;
  readonly sourceLine: number;
}

export interface RegistryStore {
  findSourceBySha256(sha256: string): Promise<SourceRecord | undefined>;
  listSources(): Promise<SourceRecord[]>;
  /** Runs `fn` in one transaction: commits when it resolves, rolls back everything when it throws. */
  inImportTransaction<T>(fn: (session: ImportSession) => Promise<T>): Promise<T>;
}

/** Filters shared by report and incident statistics. Instants are ISO 8601 UTC. */
export interface StatsFilter {
  readonly fromUtc?: string;
  /** Exclusive upper bound. */
  readonly toUtc?: string;
  /** A registry model id; ambiguous pairs match only themselves, never their members. */
  readonly modelId?: string;
}

export type GroupBy = 'month' | 'model' | 'launch_region' | 'target_region';

export interface ReportAggregate {
  readonly key: string;
  /** A readable label for the key (the Air Force's spelling for a model), when it differs from the key. */
  readonly label?: string;
  readonly rows: number;
  readonly launched: number;
  readonly destroyed: number;
  /** Launched in the rows whose destroyed figure is known (the interception rate's denominator). */
  readonly launchedWithKnownDestroyed: number;
}

export interface IncidentAggregate {
  readonly key: string;
  readonly count: number;
  readonly failures: number;
  readonly knownOutcomes: number;
  readonly intercepted: number;
  readonly debrisRecovered: number;
  readonly debrisKnown: number;
  /** Known failures whose debris was recovered (for the missing-data estimates). */
  readonly failuresWithDebris: number;
  /** Known non-failures (impact, intercepted) whose debris was recovered. */
  readonly successesWithDebris: number;
  readonly killed: number;
  readonly injured: number;
}

/** One model's reports in one month (for trends). */
export interface ModelMonthAggregate {
  readonly key: string;
  readonly month: string;
  readonly destroyed: number;
  readonly launchedWithKnownDestroyed: number;
}

/** DPRK test outcomes in the CNS database for one group. */
export interface CnsAggregate {
  readonly key: string;
  readonly label: string;
  readonly tests: number;
  readonly successes: number;
  readonly failures: number;
  readonly unknown: number;
}

export interface StatsQueries {
  reportAggregatesByModelMonth(filter: StatsFilter): Promise<ModelMonthAggregate[]>;
  cnsAggregates(by: 'missile' | 'year', origin: 'json' | 'xlsx'): Promise<CnsAggregate[]>;
  reportAggregates(filter: StatsFilter, by: GroupBy | undefined): Promise<ReportAggregate[]>;
  incidentAggregates(filter: StatsFilter, by: GroupBy | undefined): Promise<IncidentAggregate[]>;
  /** Resolves a label or alias to a model id. */
  resolveModel(label: string): Promise<string | undefined>;
}
