import type { AnalysisRun } from '../cases/analysis-run.js';
import type { IdentificationResult } from '../identification/index.js';
import { confidenceOf, formatProbability, PHYSICAL_FEATURES } from './confidence.js';
import { dprkArmsProvisions, PROVISION_ORIGINS } from './provisions.js';
import type { TypeInfo } from './ports.js';

/** A provision a finding bears on, as the API and the UI list it. */
export interface CitedProvision {
  /** e.g. 'UNSCR 1718 (2006)'. */
  readonly instrument: string;
  readonly symbol: string;
  /** The operative paragraph, or null where it has not been checked against the official text. */
  readonly paragraph: string | null;
  /** Salvo's own summary, never a quotation. */
  readonly summary: string;
  readonly quotation: string | null;
  readonly url: string;
}

export interface FindingView {
  readonly id: string;
  readonly kind: 'identification';
  readonly statement: string;
  readonly createdAt: string;
  readonly analysisRun: string;
  readonly evidence: string[];
  readonly provisions: CitedProvision[];
}

/**
 * The finding a stored identification states, worded as the dossier words it (calibrated confidence, capped for
 * flight-profile features alone) and, when the top type's origin state is one the arms-transfer provisions
 * concern, the provisions it bears on (provisions.ts: paragraphs only where checked, no quotation).
 */
export function identificationFinding(
  run: AnalysisRun,
  /** What the catalogue says about the run's top candidate (its name and origin state). */
  info: TypeInfo | undefined,
): FindingView | undefined {
  if (run.kind !== 'identification') return undefined;
  const res = run.result as IdentificationResult;
  const top = res.candidates?.[0];
  if (!top) return undefined;
  const name = info?.id === top.id ? info.name : top.name;
  const physical = top.contributions.some((c) => PHYSICAL_FEATURES.includes(c.feature));
  const conf = confidenceOf(top.posterior, { profileOnly: !physical });
  const origin = info?.id === top.id ? info.originState : null;
  const provisions =
    origin && PROVISION_ORIGINS.includes(origin)
      ? dprkArmsProvisions().map((p) => ({
          instrument: `UNSCR ${p.symbol.replace(/^S\/RES\//, '')}`,
          symbol: p.symbol,
          paragraph: /not cited/.test(p.paragraphs) ? null : p.paragraphs,
          summary: p.summary,
          quotation: p.quotation,
          url: p.url,
        }))
      : [];
  const statement =
    `It is ${conf.words} (posterior ${formatProbability(top.posterior)}) that the object was a ${name}` +
    `${origin ? ` (origin state ${origin})` : ''}; "none of the catalogue" has posterior ${formatProbability(res.nonePosterior)}.` +
    (conf.cap ? ` Wording ${conf.cap}.` : '') +
    (provisions.length
      ? ` If so, its transfer from the DPRK bears on the arms-transfer provisions cited; this states facts and draws no legal conclusion.`
      : '');
  return {
    id: run.id,
    kind: 'identification',
    statement,
    createdAt: run.createdAt,
    analysisRun: run.id,
    evidence: [],
    provisions,
  };
}

/** The id of a stored identification's top candidate (to look it up in the catalogue). */
export const topCandidateOf = (run: AnalysisRun): string | undefined =>
  run.kind === 'identification' ? (run.result as IdentificationResult).candidates?.[0]?.id : undefined;
