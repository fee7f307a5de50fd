import type { Catalogue } from './schema.js';

export interface TypeChange {
  readonly id: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** Dotted paths of the changed leaves inside the type (for 'changed'), e.g. `bodyDiameterM.max`. */
  readonly fields: readonly string[];
}

export interface CatalogueDiff {
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly types: readonly TypeChange[];
  readonly sources: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly string[];
  };
  readonly ambiguousAliases: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly string[];
  };
  /** True when contents changed but the version did not increase (a release mistake). */
  readonly versionNotBumped: boolean;
}

/** Paths of the leaves that differ between two JSON values (arrays compared index by index). */
export function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (Object.is(a, b)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => {
      const key = Array.isArray(a) ? `${prefix}[${k}]` : prefix === '' ? k : `${prefix}.${k}`;
      return changedPaths(a[k], b[k], key);
    });
  }
  return [prefix === '' ? '(value)' : prefix];
}

const compareVersions = (a: string, b: string): number => {
  const pa = a.split(/[.-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

function keyedDiff<T>(old: ReadonlyMap<string, T>, neu: ReadonlyMap<string, T>) {
  const added = [...neu.keys()].filter((k) => !old.has(k)).sort();
  const removed = [...old.keys()].filter((k) => !neu.has(k)).sort();
  const changed = [...neu.keys()]
    .filter((k) => old.has(k) && changedPaths(old.get(k), neu.get(k)).length > 0)
    .sort();
  return { added, removed, changed };
}

/** Lists the types, fields, sources and ambiguous aliases that differ between two catalogues. Pure. */
export function diffCatalogues(oldCat: Catalogue, newCat: Catalogue): CatalogueDiff {
  const oldTypes = new Map(oldCat.types.map((t) => [t.id, t]));
  const newTypes = new Map(newCat.types.map((t) => [t.id, t]));
  const types: TypeChange[] = [];
  for (const [tid, t] of newTypes) {
    const o = oldTypes.get(tid);
    if (o === undefined) types.push({ id: tid, change: 'added', fields: [] });
    else {
      const fields = changedPaths(o, t);
      if (fields.length > 0) types.push({ id: tid, change: 'changed', fields });
    }
  }
  for (const tid of oldTypes.keys())
    if (!newTypes.has(tid)) types.push({ id: tid, change: 'removed', fields: [] });
  types.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sources = keyedDiff(new Map(Object.entries(oldCat.sources)), new Map(Object.entries(newCat.sources)));
  const aliasKey = (a: { text: string; dataset: string }): string => `${a.dataset}:${a.text}`;
  const ambiguousAliases = keyedDiff(
    new Map(oldCat.ambiguousAliases.map((a) => [aliasKey(a), a])),
    new Map(newCat.ambiguousAliases.map((a) => [aliasKey(a), a])),
  );
  const contentChanged =
    types.length > 0 ||
    [sources, ambiguousAliases].some((d) => d.added.length + d.removed.length + d.changed.length > 0);
  return {
    fromVersion: oldCat.version,
    toVersion: newCat.version,
    types,
    sources,
    ambiguousAliases,
    versionNotBumped: contentChanged && compareVersions(newCat.version, oldCat.version) <= 0,
  };
}
