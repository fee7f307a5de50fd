/**
 * An analysis run: one reconstruction or identification, stored with everything needed to replay it
 * bit-identically (method and version, configuration, the exact input and its SHA-256) and its result.
 * Linked to an incident when one is given. A stored identification is a finding.
 */
export type AnalysisKind = 'reconstruction' | 'identification';

export interface AnalysisRun {
  readonly id: string;
  readonly kind: AnalysisKind;
  readonly incidentId: string | null;
  readonly createdAt: string;
  readonly methodName: string;
  readonly methodVersion: string;
  /** JSON of the options the method ran with (template, catalogue version, priors...). */
  readonly config: unknown;
  readonly inputSha256: string;
  /** The exact input (TRACK.csv text, features JSON). */
  readonly input: string;
  readonly result: unknown;
  /** A reconstruction's GeoJSON as written when it ran; absent for older runs (replay them) and identifications. */
  readonly geojson?: unknown;
}

export interface AnalysisRunStore {
  incidentExists(id: string): Promise<boolean>;
  save(run: AnalysisRun): Promise<void>;
  get(id: string): Promise<AnalysisRun | undefined>;
  /** Runs for an incident, newest first. */
  listForIncident(incidentId: string, kind?: AnalysisKind): Promise<AnalysisRun[]>;
}
