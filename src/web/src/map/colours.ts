import type { ExpressionSpecification } from 'maplibre-gl';
import { OUTCOMES, type Outcome, type PointSet } from '../data/points.js';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, AA contrast on white. */
export const OUTCOME_COLOURS: Readonly<Record<Outcome, string>> = {
  impact: '#C2410C',
  airburst: '#B45309',
  deviated: '#A21CAF',
  intercepted: '#0060A8',
  unknown: '#5F6B73',
};

const TYPE_PALETTE = ['#007A5A', '#0060A8', '#C2410C', '#A21CAF', '#8A6D00', '#1E6F8E', '#7C3AED', '#9F1239'];
export const UNIDENTIFIED_COLOUR = '#5F6B73';
export const typeColour = (i: number): string =>
  i < 0 ? UNIDENTIFIED_COLOUR : TYPE_PALETTE[i % TYPE_PALETTE.length]!;

export type ColourBy = 'outcome' | 'type';

/** The circle colour of an incident feature (properties `o` = outcome index, `y` = type index). */
export function colourExpression(by: ColourBy, ps: PointSet | null): ExpressionSpecification {
  if (by === 'outcome') {
    const pairs = OUTCOMES.flatMap((o, i) => [i, OUTCOME_COLOURS[o]]);
    return ['match', ['get', 'o'], ...pairs, OUTCOME_COLOURS.unknown] as unknown as ExpressionSpecification;
  }
  const n = ps?.types.length ?? 0;
  if (n === 0) return ['literal', UNIDENTIFIED_COLOUR] as unknown as ExpressionSpecification;
  const pairs = Array.from({ length: n }, (_, i) => [i, typeColour(i)]).flat();
  return ['match', ['get', 'y'], ...pairs, UNIDENTIFIED_COLOUR] as unknown as ExpressionSpecification;
}
