import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { motorTemplateSchema } from '../../kernel/index.js';
import { diffCatalogues, FIGURE_FIELDS, parseCatalogue, resolveAlias, type Catalogue } from './index.js';

const FILE = fileURLToPath(new URL('../../../catalogue/salvo-catalogue.json', import.meta.url));
const raw = (): Record<string, unknown> => JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
const load = (): Catalogue => {
  const r = parseCatalogue(raw());
  if (!r.ok) throw new Error(JSON.stringify(r.error.problems));
  return r.value;
};
const fieldsOf = (json: unknown): string[] => {
  const r = parseCatalogue(json, 'cat.json');
  if (r.ok) return [];
  return (r.error.problems ?? []).map((p) => `${p.field ?? ''}: ${p.reason}`);
};

describe('the shipped catalogue', () => {
  const cat = load();
  it('validates, carries a semantic version, and holds the types of issue 5', () => {
    expect(cat.version).toMatch(/^\d+\.\d+\.\d+$/);
    const ids = cat.types.map((t) => t.id);
    for (const id of [
      'hwasong-11ga',
      'hwasong-11na',
      'iskander-m-9m723',
      'iskander-k-9m728',
      'iskander-k-9m729',
      'kh-47m2-kinzhal',
      's-300-48n6',
      's-300-5v55',
      'tochka-u-9m79-1',
      'kh-22',
      'kh-32',
      'kh-101',
      'kh-555',
      'kalibr-3m14',
      'kh-59',
      'shahed-136',
      'kab-umpk',
    ]) {
      expect(ids).toContain(id);
    }
  });
  it('gives every figure a range and at least one known source', () => {
    for (const t of cat.types) {
      for (const f of FIGURE_FIELDS) {
        const fig = t[f];
        if (!fig) continue;
        expect(fig.max).toBeGreaterThanOrEqual(fig.min);
        expect(fig.sources.length).toBeGreaterThan(0);
        for (const s of fig.sources) expect(cat.sources[s]).toBeDefined();
      }
    }
  });
  it('treats "Iskander-M/KN-23" as an ambiguous pair, not a type', () => {
    expect(cat.types.some((t) => t.name.includes('/KN-23'))).toBe(false);
    const r = resolveAlias(cat, 'Iskander-M/KN-23', 'ua-airforce');
    expect(r?.ambiguous).toBe(true);
    expect([...(r?.types ?? [])].sort()).toEqual(['hwasong-11ga', 'iskander-m-9m723']);
    expect(resolveAlias(cat, 'KN-23', 'ua-airforce')?.types).toEqual(['hwasong-11ga']);
    expect(resolveAlias(cat, 'hwasong-11a', 'cns-database')?.types).toEqual(['hwasong-11ga']);
    expect(resolveAlias(cat, 'Shahed-136/131', 'ua-airforce')?.uncatalogued).toEqual([
      'Shahed-131 / Geran-1',
    ]);
    expect(resolveAlias(cat, 'no such missile')).toBeUndefined();
  });
  it('has motor entries in the kernel template form, each illustrative one with its reasoning', () => {
    for (const t of cat.types) {
      if ('template' in t.motor) {
        expect(motorTemplateSchema.safeParse(t.motor.template).success).toBe(true);
        if (t.motor.illustrative) expect(t.motor.reasoning?.length ?? 0).toBeGreaterThan(20);
      } else expect(t.motor.note.length).toBeGreaterThan(0);
    }
  });
});

describe('issue-5: bad catalogue input names the path', () => {
  it('rejects a figure without a source', () => {
    const j = raw() as { types: Record<string, { sources: unknown }>[] };
    j.types[0]!['bodyDiameterM']!.sources = [];
    expect(fieldsOf(j)).toEqual(['types[0].bodyDiameterM.sources: every figure needs at least one source']);
  });
  it('rejects a negative diameter', () => {
    const j = raw() as { types: Record<string, { min: number }>[] };
    j.types[0]!['bodyDiameterM']!.min = -1;
    expect(fieldsOf(j)[0]).toMatch(/^types\[0\]\.bodyDiameterM\.min: /);
  });
  it('rejects an unknown field and an unknown source id', () => {
    const j = raw() as { types: Record<string, unknown>[] };
    j.types[2]!['colour'] = 'green';
    (j.types[1]!['rangeKm'] as { sources: string[] }).sources = ['nowhere'];
    const f = fieldsOf(j);
    expect(f).toContain('types[2].colour: unknown field');
    expect(f).toContain('types[1].rangeKm.sources[0]: unknown source "nowhere"');
  });
  it('rejects min > max, a bad version and an ambiguous alias pointing nowhere', () => {
    const j = raw() as {
      version: string;
      types: Record<string, { min: number; max: number }>[];
      ambiguousAliases: { types: string[] }[];
    };
    j.version = '1.0';
    j.types[0]!['lengthM']!.min = 9;
    j.ambiguousAliases[0]!.types = ['hwasong-11ga', 'no-such-type'];
    const f = fieldsOf(j);
    expect(f.some((x) => x.startsWith('version: '))).toBe(true);
    expect(f).toContain('types[0].lengthM.max: max must be >= min');
    expect(f).toContain('ambiguousAliases[0].types[1]: unknown type "no-such-type"');
  });
});

describe('diffCatalogues', () => {
  it('lists added, removed and changed types with their changed fields', () => {
    const a = load();
    const b = structuredClone(a) as { -readonly [K in keyof Catalogue]: Catalogue[K] };
    const types = structuredClone(a.types) as Catalogue['types'][number][];
    types[0] = { ...types[0]!, bodyDiameterM: { ...types[0]!.bodyDiameterM!, max: 1.2 } };
    types.splice(1, 1);
    types.push({ ...types[2]!, id: 'new-type', aliases: [] });
    b.types = types;
    const d = diffCatalogues(a, b);
    expect(d.types).toEqual(
      [
        { id: a.types[0]!.id, change: 'changed', fields: ['bodyDiameterM.max'] },
        { id: a.types[1]!.id, change: 'removed', fields: [] },
        { id: 'new-type', change: 'added', fields: [] },
      ].sort((x, y) => (x.id < y.id ? -1 : 1)),
    );
    expect(d.versionNotBumped).toBe(true);
    expect(diffCatalogues(a, { ...b, version: '1.1.0' }).versionNotBumped).toBe(false);
    expect(diffCatalogues(a, a).types).toEqual([]);
  });
});
