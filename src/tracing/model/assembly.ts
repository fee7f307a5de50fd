import type { Component } from './component.js';

export interface AssemblyBound {
  /** The missile could not have been assembled before this day (YYYY-MM-DD). */
  readonly notBefore: string;
  /** The components whose earliest possible production day is `notBefore`. */
  readonly setBy: readonly Component[];
  readonly considered: number;
  /** Components left out, and why (no date code, unreadable, too uncertain). */
  readonly excluded: readonly { id: string; reason: string }[];
  /** The sentence a report can quote, with its evidence. */
  readonly sentence: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const human = (d: string): string =>
  `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;

/**
 * Earliest possible assembly = the latest of the components' earliest possible production days: a part dated
 * 2023 week 10 cannot have been fitted before Monday 6 March 2023. Only readings at or above `minConfidence`
 * count; the others are listed as excluded, never silently dropped.
 */
export function earliestAssembly(
  components: readonly Component[],
  minConfidence = 0.6,
): AssemblyBound | undefined {
  const excluded: { id: string; reason: string }[] = [];
  const dated: Component[] = [];
  for (const c of components) {
    if (!c.dateCode)
      excluded.push({
        id: c.id,
        reason: c.dateCodeRaw ? `date code '${c.dateCodeRaw}' not readable` : 'no date code',
      });
    else if (c.dateCode.confidence < minConfidence)
      excluded.push({
        id: c.id,
        reason: `date code '${c.dateCode.raw}' too uncertain (${c.dateCode.confidence} < ${minConfidence}): ${c.dateCode.note}`,
      });
    else dated.push(c);
  }
  if (dated.length === 0) return undefined;
  const notBefore = dated.map((c) => c.dateCode!.from).reduce((a, b) => (a > b ? a : b));
  const setBy = dated.filter((c) => c.dateCode!.from === notBefore);
  const evidence = setBy
    .map(
      (c) =>
        `${c.manufacturer ?? c.manufacturerRaw ?? 'unknown maker'} ${c.partNumber ?? c.marking} (${c.id}, date code '${c.dateCode!.raw}' = ${c.dateCode!.note}, ${c.dateCode!.from} to ${c.dateCode!.to})`,
    )
    .join('; ');
  return {
    notBefore,
    setBy,
    considered: dated.length,
    excluded,
    sentence: `Could not have been assembled before ${human(notBefore)}: the latest-dated of ${dated.length} dated components ${setBy.length > 1 ? 'are' : 'is'} ${evidence}.`,
  };
}
