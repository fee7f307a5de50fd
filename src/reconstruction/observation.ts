import type { LatLonAlt, UtcInstant } from '../kernel/index.js';

/** The observation kinds of TRACK.csv (issue 3). */
export const OBSERVATION_KINDS = ['radar', 'fix', 'sighting', 'impact', 'breakup', 'launch'] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

interface Base {
  /** 1-based line of the source file (the header is line 1); 0 for synthetic rows. */
  readonly line: number;
}

/** Radar plot: range, azimuth, elevation (and optionally range rate) from a geodetic site. */
export interface RadarObservation extends Base {
  readonly kind: 'radar';
  readonly t: UtcInstant;
  readonly site: LatLonAlt;
  readonly rangeM: number;
  readonly azDeg: number;
  readonly elDeg: number;
  readonly rangeRateMps?: number;
  readonly sigmaRangeM: number;
  readonly sigmaAngleDeg: number;
  readonly sigmaRangeRateMps?: number;
}

/** Position fix (latitude, longitude, height) at a known time. */
export interface FixObservation extends Base {
  readonly kind: 'fix';
  readonly t: UtcInstant;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altM: number;
  readonly sigmaHM: number;
  readonly sigmaVM: number;
}

/** Optical sighting from a known observer (a video): azimuth and elevation only. */
export interface SightingObservation extends Base {
  readonly kind: 'sighting';
  readonly t: UtcInstant;
  readonly site: LatLonAlt;
  readonly azDeg: number;
  readonly elDeg: number;
  readonly sigmaAngleDeg: number;
}

/** Impact point (crater, debris at the end of a complete flight) at an unknown time; altM = ground height. */
export interface ImpactObservation extends Base {
  readonly kind: 'impact';
  readonly t?: UtcInstant;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altM: number;
  readonly sigmaHM: number;
}

/** In-air breakup point at an unknown time. */
export interface BreakupObservation extends Base {
  readonly kind: 'breakup';
  readonly t?: UtcInstant;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altM: number;
  readonly sigmaHM: number;
  readonly sigmaVM: number;
}

/** Launch sighting: a region (centre and horizontal precision); altM with sigmaVM if known. */
export interface LaunchObservation extends Base {
  readonly kind: 'launch';
  readonly t?: UtcInstant;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altM?: number;
  readonly sigmaHM: number;
  readonly sigmaVM?: number;
}

export type Observation =
  | RadarObservation
  | FixObservation
  | SightingObservation
  | ImpactObservation
  | BreakupObservation
  | LaunchObservation;

/** A parsed TRACK.csv: its observations in file order. */
export interface Track {
  readonly observations: readonly Observation[];
}
