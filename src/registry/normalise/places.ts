import { PLACES, type PlaceKind } from '../model/places.js';
import { REGIONS } from '../model/regions.js';
import { nameKey } from './text.js';

/** One place named in a report, resolved where possible; the raw text is always kept. */
export interface PlaceMention {
  readonly raw: string;
  readonly kind: PlaceKind;
  /** ISO 3166-2 code of the region (or ISO 3166-1 for a country); undefined for seas, directions, unknowns. */
  readonly iso?: string;
  readonly direction?: string;
  readonly note?: string;
}

interface Entry {
  readonly kind: PlaceKind;
  readonly iso?: string;
  readonly direction?: string;
}

let index: Map<string, Entry> | undefined;

function buildIndex(): Map<string, Entry> {
  const m = new Map<string, Entry>();
  const put = (name: string, e: Entry): void => {
    const k = nameKey(name);
    if (!m.has(k)) m.set(k, e);
  };
  // Settlements, sites, seas and directions first: a bare "Kharkiv" is the city, "Kharkiv oblast" the region.
  for (const p of PLACES)
    for (const n of p.names) put(n, { kind: p.kind, iso: p.iso, direction: p.direction });
  for (const r of REGIONS) {
    const e: Entry = { kind: r.level === 'country' ? 'country' : 'region', iso: r.iso };
    for (const n of [r.nameEn, ...r.variants]) {
      put(n, e);
      // "Kyiv" (the city, UA-30) must not make "Kyiv oblast" (UA-32): suffixes only for oblast-level regions.
      if (r.level !== 'city')
        for (const suffix of [' oblast', ' region', ' obl.', ' obl']) put(n + suffix, e);
    }
    put(r.nameUk, e);
    put(r.nameRu, e);
  }
  return m;
}

const lookup = (text: string): Entry | undefined => {
  index ??= buildIndex();
  return index.get(nameKey(text));
};

const SPECIFICITY: Record<PlaceKind, number> = {
  site: 5,
  settlement: 4,
  region: 3,
  country: 1,
  sea: 6,
  direction: 0,
  unknown: -1,
};

/**
 * Resolves one place text as written in a report: a region ("Kursk oblast" -> RU-KRS), a settlement or site
 * with its region ("Hvardiiske, Crimea" -> UA-43), a sea, a direction ("north": a direction, not a region),
 * "X (south)" (region X, direction south), "X direction". Unresolved text stays `unknown` with its raw text.
 */
export function resolvePlace(raw: string): PlaceMention {
  const text = raw.trim();
  const direct = lookup(text);
  if (direct) return { raw, ...direct };

  const paren = /^(.*)\(([^)]*)\)\s*$/.exec(text);
  if (paren) {
    const base = resolvePlace(paren[1]!);
    const d = lookup(paren[2]!);
    if (base.kind !== 'unknown' && d?.kind === 'direction') return { ...base, raw, direction: d.direction };
  }
  const towards = /^(.*)\s+direction$/i.exec(text);
  if (towards) {
    const base = resolvePlace(towards[1]!);
    return { raw, kind: 'direction', iso: base.iso, direction: `towards ${towards[1]!.trim()}` };
  }
  if (text.includes(',')) {
    const parts = text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => ({ p, e: lookup(p) }));
    const known = parts.filter((x): x is { p: string; e: Entry } => x.e !== undefined);
    if (known.length > 0) {
      const sea = known.find((x) => x.e.kind === 'sea');
      if (sea) {
        const near = known.filter((x) => x !== sea).map((x) => x.p);
        return { raw, kind: 'sea', note: near.length ? `at sea near ${near.join(', ')}` : undefined };
      }
      const best = known.reduce((a, b) => (SPECIFICITY[b.e.kind] > SPECIFICITY[a.e.kind] ? b : a));
      const isos = new Set(known.map((x) => x.e.iso).filter(Boolean));
      const unknownParts = parts.filter((x) => !x.e).map((x) => x.p);
      const notes = [
        isos.size > 1 ? `parts name different regions (${[...isos].join(', ')})` : undefined,
        unknownParts.length ? `not resolved: ${unknownParts.join(', ')}` : undefined,
      ].filter(Boolean);
      return { raw, ...best.e, note: notes.length ? notes.join('; ') : undefined };
    }
  }
  return { raw, kind: 'unknown', note: 'not in the gazetteer' };
}
