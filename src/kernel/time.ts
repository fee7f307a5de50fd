/**
 * Instants are UTC inside Salvo. `UtcInstant` is milliseconds since 1970-01-01T00:00:00Z; text crosses the
 * boundary only as ISO 8601 with an explicit zone (Z or ±hh:mm).
 */
declare const instant: unique symbol;
export type UtcInstant = number & { readonly [instant]: 'UtcInstant' };

const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses ISO 8601 with a zone; returns undefined for anything else (no zone = ambiguous = rejected). */
export function parseIsoInstant(text: string): UtcInstant | undefined {
  const m = ISO_WITH_ZONE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const parts = [y, mo, d, h, mi].map(Number) as [number, number, number, number, number];
  const [year, month, day, hour, minute] = parts;
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined; // 31 Feb
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return t as UtcInstant;
}

export const utcInstant = (epochMs: number): UtcInstant => epochMs as UtcInstant;
export const toIso = (t: UtcInstant): string => new Date(t).toISOString();

/** A calendar date (YYYY-MM-DD) with no time: the date of a report, not an instant. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}
