import type { Component } from './component.js';

export interface SummaryRow {
  readonly key: string;
  readonly country?: string;
  readonly count: number;
  /** With a readable date code. */
  readonly dated: number;
  /** Share of all components, 0..1. */
  readonly share: number;
}

function group(
  components: readonly Component[],
  keyOf: (c: Component) => string,
  countryOf?: (c: Component) => string | undefined,
): SummaryRow[] {
  const m = new Map<string, { count: number; dated: number; country?: string }>();
  for (const c of components) {
    const k = keyOf(c);
    const g = m.get(k) ?? { count: 0, dated: 0, country: countryOf?.(c) };
    g.count++;
    if (c.dateCode) g.dated++;
    m.set(k, g);
  }
  return [...m.entries()]
    .map(([key, g]) => ({
      key,
      ...(g.country ? { country: g.country } : {}),
      count: g.count,
      dated: g.dated,
      share: components.length ? g.count / components.length : 0,
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export const byManufacturer = (cs: readonly Component[]): SummaryRow[] =>
  group(
    cs,
    (c) => c.manufacturer ?? (c.manufacturerRaw ? `${c.manufacturerRaw} (not normalised)` : '(unknown)'),
    (c) => c.country,
  );

export const byCountry = (cs: readonly Component[]): SummaryRow[] =>
  group(cs, (c) => c.country ?? '(unknown)');
