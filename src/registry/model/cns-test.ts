/**
 * One launch in the CNS North Korea Missile Test Database (James Martin CNS for NTI). Kept per source: the
 * JSON copy and the 2021 spreadsheet disagree on some launches (25 Jul 2019: 600/600 km vs 430/690 km), and
 * both are facts with their sources.
 */
export interface CnsTestDraft {
  readonly id: string;
  readonly sourceRow: number;
  readonly origin: 'json' | 'xlsx';
  /** 'YYYY-MM-DD', or 'YYYY-MM' / 'YYYY' where the source gives only that. */
  readonly dateUtc: string;
  readonly datePrecision: 'day' | 'month' | 'year';
  readonly timeUtc: string | null;
  readonly missileKey: string;
  readonly missileName: string;
  readonly missileClass: string | null;
  readonly facilityKey: string;
  readonly facilityName: string | null;
  readonly facilityLat: number | null;
  readonly facilityLon: number | null;
  readonly landing: string | null;
  readonly apogeeKm: number | null;
  readonly distanceKm: number | null;
  readonly bearingDeg: number | null;
  readonly outcome: 'success' | 'failure' | 'unknown';
  readonly description: string;
  readonly raw: unknown;
}
