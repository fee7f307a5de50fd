import type { Catalogue, MissileType } from './schema.js';

export interface AliasResolution {
  /** Catalogue type ids the label may denote (one for a plain alias or id). */
  readonly types: readonly string[];
  readonly ambiguous: boolean;
  /** Types the label may also hide that the catalogue does not hold. */
  readonly uncatalogued: readonly string[];
  readonly note?: string;
}

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * Resolves a label (a type id, a name, or an alias as used in a dataset) to catalogue types. Ambiguous labels
 * ("Iskander-M/KN-23") resolve to every type they may denote, never to one. When `dataset` is given, aliases
 * of that dataset are preferred, then 'common' ones. Returns undefined for an unknown label.
 */
export function resolveAlias(cat: Catalogue, label: string, dataset?: string): AliasResolution | undefined {
  const q = norm(label);
  const datasets = dataset === undefined ? undefined : [dataset, 'common'];
  const inScope = (d: string): boolean => datasets === undefined || datasets.includes(d);
  const amb = cat.ambiguousAliases.find((a) => norm(a.text) === q && inScope(a.dataset));
  if (amb) {
    return { types: amb.types, ambiguous: true, uncatalogued: amb.uncatalogued ?? [], note: amb.note };
  }
  const byId = cat.types.find((t) => t.id === q);
  if (byId) return { types: [byId.id], ambiguous: false, uncatalogued: [] };
  const hits = cat.types.filter(
    (t) => norm(t.name) === q || t.aliases.some((a) => norm(a.text) === q && inScope(a.dataset)),
  );
  if (hits.length === 0) return undefined;
  return { types: hits.map((t) => t.id), ambiguous: hits.length > 1, uncatalogued: [] };
}

/** Unique alias texts of a type, for display. */
export function aliasTexts(t: MissileType): string[] {
  return [...new Set(t.aliases.map((a) => a.text))];
}

/** Type by id, or undefined. */
export function findType(cat: Catalogue, typeId: string): MissileType | undefined {
  return cat.types.find((t) => t.id === typeId);
}
