import type { AnalysisRun } from '../cases/analysis-run.js';
import type { EvidenceItem } from '../evidence/model/item.js';
import type { StatsReport } from '../registry/services/stats.js';
import type { Component } from '../tracing/model/component.js';
import type { CheckpointFacts, CustodyLine, IncidentFacts } from './model.js';

/** SHA-256 of the UTF-8 bytes of a text, lower-case hex (infra: node:crypto). */
export interface ReportHasher {
  sha256Hex(text: string): string;
}

/** What a catalogue says about a type, for wording and legal linkage. */
export interface TypeInfo {
  readonly id: string;
  readonly name: string;
  readonly originState: string | null;
}

/** The read side a dossier is built from (infra: the store, the evidence log, the catalogue). */
export interface DossierSource {
  incident(id: string): Promise<IncidentFacts | undefined>;
  /** Analysis runs of the incident, newest first. */
  analysisRuns(incidentId: string): Promise<AnalysisRun[]>;
  /** Every evidence item of the incident, whatever its sensitivity (the service redacts). */
  evidenceItems(incidentId: string): Promise<EvidenceItem[]>;
  /** An item's custody events in log order. */
  custody(itemId: string): Promise<CustodyLine[]>;
  latestCheckpoint(): Promise<CheckpointFacts | undefined>;
  /** RFC 6962 audit path (hex, bottom up) of leaf `index` in the tree of the first `size` events. */
  inclusionProof(index: number, size: number): Promise<string[]>;
  /** Components recovered from these items. */
  components(itemIds: readonly string[]): Promise<Component[]>;
  typeInfo(id: string): Promise<TypeInfo | undefined>;
}

/** The read side of a bulletin. Instants ISO 8601 UTC; `to` exclusive. */
export interface BulletinSource {
  /** Incidents that occurred in the period, or whose analyses were stored in it. */
  incidentsInPeriod(from: string, to: string): Promise<IncidentFacts[]>;
  analysisRuns(incidentId: string): Promise<AnalysisRun[]>;
  typeInfo(id: string): Promise<TypeInfo | undefined>;
  /** Incident statistics for the period (registry/services/stats.ts). */
  periodStats(from: string, to: string): Promise<StatsReport>;
  latestCheckpoint(): Promise<CheckpointFacts | undefined>;
}

/** The read side of a case-level dossier: a dossier source plus the case's scope queries. */
export interface CaseSource extends DossierSource {
  /**
   * Ids of incidents that occurred in [from, to), oldest first; with `model`, only those identified as it, or
   * claimed as it when not identified (the filter of `salvo stats --model`).
   */
  incidentIdsInScope(from: string, to: string, model: string | null): Promise<string[]>;
  /** Incident statistics for the same scope, grouped by target region (registry/services/stats.ts). */
  scopeStats(from: string, to: string, model: string | null, launches: number | null): Promise<StatsReport>;
}
