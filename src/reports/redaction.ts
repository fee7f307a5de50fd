import { SENSITIVITIES, type Sensitivity } from '../evidence/model/sensitivity.js';
import type { Audience, Edition } from './model.js';

/**
 * Redaction by audience. An edition for audience A contains only items whose sensitivity is at most A:
 *   public     -> public items only (restricted and sealed items are left out);
 *   restricted -> public and restricted items (sealed items are left out);
 *   sealed     -> everything, each non-public item marked with its sensitivity.
 * Left-out items are counted, never named: no id, title, hash, file name, custody line or component of theirs
 * enters the model, so no renderer can show them. The count of a public edition merges restricted and sealed.
 */
export const mayInclude = (audience: Audience, s: Sensitivity): boolean =>
  SENSITIVITIES.indexOf(s) <= SENSITIVITIES.indexOf(audience);

const LABELS: Record<Audience, string> = {
  public: 'PUBLIC EDITION — contains public material only',
  restricted: 'RESTRICTED — for the investigation team and named partners; sealed material left out',
  sealed: 'SEALED — contains sealed material; disclose only by order',
};

export function editionOf(audience: Audience, withheldItems: number): Edition {
  return {
    audience,
    label: LABELS[audience],
    withheld:
      withheldItems === 0
        ? null
        : {
            items: withheldItems,
            note:
              audience === 'public'
                ? `${withheldItems} evidence item(s) that are not public are left out of this edition, with their custody records, components and links.`
                : `${withheldItems} sealed evidence item(s) are left out of this edition, with their custody records, components and links.`,
          },
  };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The last line of defence: replaces every occurrence of a left-out item's identifiers (its id, its SHA-256,
 * its file name) anywhere in the model with "[withheld]" — e.g. an analysis whose input file is itself a
 * sealed exhibit would otherwise print that exhibit's hash as its input hash.
 */
export function redactIdentifiers<T>(value: T, identifiers: readonly string[]): T {
  const ids = [...new Set(identifiers.filter((s) => s.length >= 6))];
  if (ids.length === 0) return value;
  const re = new RegExp(`(?<![\\w.-])(?:${ids.map(escapeRe).join('|')})(?![\\w])`, 'g');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(re, '[withheld]');
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
