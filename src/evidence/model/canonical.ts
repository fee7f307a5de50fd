import canonicalize from 'canonicalize';

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): object members sorted by the UTF-16 code units of their names,
 * no insignificant white space, strings and numbers serialised exactly as ECMAScript's JSON.stringify does.
 * The `canonicalize` package implements it; this wrapper only refuses values JSON cannot carry.
 */
export function canonicalJson(value: unknown): string {
  assertJsonValue(value, '$');
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

/** Throws on undefined, functions, non-finite numbers, bigints and symbols anywhere inside `value`. */
function assertJsonValue(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not a JSON number`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertJsonValue(v, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) throw new TypeError(`${path}.${k}: undefined is not JSON`);
      assertJsonValue(v, `${path}.${k}`);
    }
    return;
  }
  throw new TypeError(`${path}: a ${typeof value} is not JSON`);
}

/** Drops undefined members (shallow), so optional fields can be spread into a canonical object. */
export function defined<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A JSON object for event details, with undefined members dropped. */
export function jsonObject(o: Record<string, Json | undefined>): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
