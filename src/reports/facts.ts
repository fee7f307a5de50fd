import type { AnalysisRun } from '../cases/analysis-run.js';
import type { ReconstructionResult } from '../reconstruction/index.js';
import type { ReconstructionFacts } from './model.js';
import { observedTrack } from './observed-track.js';

/** A stored reconstruction run as report facts: its stored result, copied, plus the located observations. */
export function reconstructionOf(run: AnalysisRun): ReconstructionFacts {
  const r = run.result as ReconstructionResult & { inputSha256?: string };
  const config = (run.config ?? {}) as { templateId?: string; catalogueVersion?: string };
  const point = (p: NonNullable<ReconstructionResult['impact']>) => ({
    lat: p.lat,
    lon: p.lon,
    time: p.time,
    timeSigmaS: p.timeSigmaS,
    ellipse95: p.ellipse95,
    crlb95: p.crlb,
  });
  return {
    runId: run.id,
    createdAt: run.createdAt,
    method: { name: run.methodName, version: run.methodVersion },
    templateId: config.templateId ?? null,
    catalogueVersion: config.catalogueVersion ?? null,
    inputSha256: run.inputSha256,
    launch: point(r.launch),
    impact: r.impact ? point(r.impact) : null,
    breakup: r.breakup,
    profile: r.profile,
    fit: r.fit,
    types: r.types,
    // Runs of method 1.1.0 have no `manoeuvre` field: the check did not exist.
    manoeuvre: r.manoeuvre
      ? {
          detected: r.manoeuvre.detected,
          statistic: r.manoeuvre.statistic,
          pValue: r.manoeuvre.pValue,
          startS: r.manoeuvre.startS,
          endS: r.manoeuvre.endS,
          normalAccelMps2: r.manoeuvre.normalAccelMps2,
          normalAccelSigmaMps2: r.manoeuvre.normalAccelSigmaMps2,
        }
      : null,
    observed: observedTrack(run.input),
  };
}
