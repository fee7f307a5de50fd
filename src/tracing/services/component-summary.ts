import { earliestAssembly, type AssemblyBound } from '../model/assembly.js';
import type { Component } from '../model/component.js';
import { byCountry, byManufacturer, type SummaryRow } from '../model/summary.js';
import type { TracingRepository } from '../ports.js';

export interface ComponentSummary {
  readonly components: number;
  readonly byManufacturer: SummaryRow[];
  readonly byCountry: SummaryRow[];
  readonly earliestAssembly: (Omit<AssemblyBound, 'setBy'> & { setBy: string[] }) | null;
  readonly list: Component[];
}

/** Components of one item or incident: counts by manufacturer and by country, and the earliest assembly date. */
export async function componentSummary(
  repo: TracingRepository,
  filter: { item?: string; incident?: string },
  minConfidence = 0.6,
): Promise<ComponentSummary> {
  const list = await repo.components(filter);
  const bound = earliestAssembly(list, minConfidence);
  return {
    components: list.length,
    byManufacturer: byManufacturer(list),
    byCountry: byCountry(list),
    earliestAssembly: bound ? { ...bound, setBy: bound.setBy.map((c) => c.id) } : null,
    list,
  };
}
