/**
 * The result of `salvo reconstruct --json` (issue 3), exactly; the caller adds `inputSha256`.
 * Units: degrees, metres, seconds, m/s; times ISO 8601 UTC; orientationDeg = azimuth of the major axis, clockwise
 * from north, [0, 180). `crlb` holds the 95 % ellipse the Cramér–Rao bound allows (Fisher information of the
 * scenario with the template priors, no consider term), to compare with `ellipse95` directly.
 */
export interface EllipseJson {
  readonly semiMajorM: number;
  readonly semiMinorM: number;
  readonly orientationDeg: number;
}

export interface PointJson {
  readonly lat: number;
  readonly lon: number;
  readonly time: string;
  readonly ellipse95: EllipseJson;
  readonly timeSigmaS: number;
  readonly crlb: { readonly semiMajorM: number; readonly semiMinorM: number };
  /** Launch only, and only when the posterior is not Gaussian enough for the ellipse (additional field). */
  readonly hdr95?: HdrJson;
}

/**
 * The sampled 95 % highest-density region of the launch point (docs/accuracy/reconstruction.md): `polygon` a
 * closed ring of [lon, lat] (counter-clockwise); `areaM2` its area and `ellipseAreaM2` that of `ellipse95`;
 * `ellipseMass` the posterior probability inside `ellipse95` (0.95 if it were right); `nonlinearity` the
 * check that triggered the sampling (0 = Gaussian; sampled above 0.1); `ess` the importance sampler's effective
 * sample size out of `samples` (below 200, treat the region as indicative only).
 */
export interface HdrJson {
  readonly probability: number;
  readonly polygon: readonly (readonly [number, number])[];
  readonly areaM2: number;
  readonly ellipseAreaM2: number;
  readonly ellipseMass: number;
  readonly nonlinearity: number;
  readonly ess: number;
  readonly samples: number;
}

export interface ReconstructionResult {
  readonly launch: PointJson;
  readonly impact: PointJson | null;
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
  readonly types: readonly {
    readonly id: string;
    readonly logLikelihood: number;
    readonly chi2PerDof: number;
    readonly bic: number;
  }[];
  /**
   * The test for an unmodelled manoeuvre (manoeuvre-check.ts), null when it did not run (sightings only, a
   * template with a manoeuvre). When `detected`, launch, impact, profile and fit come from the expanded fit (the
   * template plus the estimated pull-up segment; times in s after launch); `nominalChi2` / `nominalDof` are the
   * template's own fit. An additional field, not in issue 3's list.
   */
  readonly manoeuvre: {
    readonly detected: boolean;
    readonly statistic: number;
    readonly dof: number;
    readonly pValue: number;
    readonly startS: number | null;
    readonly endS: number | null;
    readonly normalAccelMps2: number | null;
    readonly normalAccelSigmaMps2: number | null;
    readonly nominalChi2: number;
    readonly nominalDof: number;
    readonly detail: string;
  } | null;
  readonly method: { readonly name: string; readonly version: string };
}

/** Name and version of the method, so a stored run says what produced it. Bump the version on any change of
 * the model, the defaults or the estimator that can change a figure. */
export const RECONSTRUCTION_METHOD = {
  name: 'salvo batch ML template fit (LM, RK4 rotating-ECEF J2 + US76 drag, Fisher + consider covariance, manoeuvre check)',
  version: '1.2.0',
} as const;
