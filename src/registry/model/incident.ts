/** Outcomes of an individual strike, as investigators record them. */
export const OUTCOMES = ['impact', 'airburst', 'deviated', 'intercepted', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Outcomes that count as an in-flight failure (the missile left its programmed path or broke up). */
export const FAILURE_OUTCOMES: readonly Outcome[] = ['airburst', 'deviated'];

export interface IncidentDraft {
  readonly id: string;
  readonly sourceLine: number;
  readonly occurredAtUtc: string;
  readonly occurredAtRaw: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly locationPrecisionM: number | null;
  readonly targetRegionIso: string | null;
  readonly targetRegionRaw: string;
  readonly launchRegionIso: string | null;
  readonly launchRegionRaw: string;
  readonly launchLat: number | null;
  readonly launchLon: number | null;
  readonly modelClaimedRaw: string;
  readonly modelClaimedId: string | null;
  readonly outcome: Outcome;
  readonly debrisRecovered: boolean | null;
  readonly identifiedType: string | null;
  readonly killed: number | null;
  readonly injured: number | null;
  readonly sourceUrl: string;
  readonly notes: string;
  /** SHA-256 of the row's canonical content: an identical re-import is a no-op, a changed one a conflict. */
  readonly contentSha256: string;
}
