import type { PlaceMention } from '../normalise/places.js';

/**
 * How a stored report row relates to the published row:
 * - `single`: the published row names one model (or one ambiguous pair such as "Iskander-M/KN-23");
 * - `split`: one model's share of an " and "-joined row, from `launched_details` (destroyed not attributable);
 * - `remainder`: what the details do not cover: the launched remainder and the row's whole destroyed figure;
 * - `combined`: an " and "-joined row kept whole because no `launched_details` splits it.
 */
export type Attribution = 'single' | 'split' | 'remainder' | 'combined';
export type TimePrecision = 'minute' | 'day' | 'mixed';
export type PlaceRole = 'launch' | 'target' | 'target_main' | 'affected';

export interface AttackReportDraft {
  readonly id: string;
  readonly sourceLine: number;
  readonly splitIndex: number;
  readonly attribution: Attribution;
  /** The label the row is counted under: a model's Air Force label, an ambiguous pair, or a joined list. */
  readonly modelLabel: string;
  /** The model id for `single`/`split` rows; undefined for `combined`/`remainder`. */
  readonly modelId: string | undefined;
  /** Every model id the row's label names (members of a combined row). */
  readonly modelIds: readonly string[];
  readonly timeStartUtc: string;
  readonly timeEndUtc: string;
  readonly timePrecision: TimePrecision;
  readonly launched: number | null;
  readonly destroyed: number | null;
  /** The launched count that `destroyed` refers to (a remainder row carries the whole row's figure). */
  readonly destroyedBase: number | null;
  readonly notReachGoal: number | null;
  readonly stillAttacking: number | null;
  readonly numHitLocation: number | null;
  readonly numFallFragmentLocation: number | null;
  readonly places: readonly (PlaceMention & { readonly role: PlaceRole })[];
  readonly notes: readonly string[];
  /** Every field of the published row as the original text, keyed by its header. */
  readonly raw: Readonly<Record<string, string>>;
}
