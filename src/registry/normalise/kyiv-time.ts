import type { UtcInstant } from '../../kernel/index.js';

/**
 * Converts a wall-clock time in Kyiv (IANA zone Europe/Kyiv: EET, UTC+2, and EEST, UTC+3, from the last Sunday
 * of March to the last Sunday of October) to a UTC instant, using the platform's time-zone database through
 * Intl (no hand-written DST rules). In the repeated hour of the autumn change the earlier (summer-time)
 * instant is returned and `ambiguous` is set; in the skipped spring hour the time is shifted forward and
 * `nonexistent` is set.
 */
export interface KyivConversion {
  readonly utc: UtcInstant;
  readonly offsetMinutes: number;
  readonly ambiguous: boolean;
  readonly nonexistent: boolean;
}

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Kyiv',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The zone's offset from UTC, in minutes, at a UTC instant. */
export function kyivOffsetMinutes(utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(utcMs)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

// Cache by hour: the offset only changes on the hour, and an import converts millions of rows.
const cache = new Map<number, number>();
const offsetCached = (utcMs: number): number => {
  const key = Math.floor(utcMs / 3_600_000);
  let v = cache.get(key);
  if (v === undefined) {
    v = kyivOffsetMinutes(utcMs);
    if (cache.size > 100_000) cache.clear();
    cache.set(key, v);
  }
  return v;
};

export function kyivLocalToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): KyivConversion {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two candidates: with the offset that holds 3 h before and 3 h after (the change is 1 h, at 03:00/04:00).
  const candidates = new Set([offsetCached(wall - 3 * 3_600_000), offsetCached(wall + 3 * 3_600_000)]);
  const valid = [...candidates]
    .map((off) => wall - off * 60_000)
    .filter((utc) => wall - offsetCached(utc) * 60_000 === utc)
    .sort((a, b) => a - b);
  if (valid.length > 0) {
    const utc = valid[0]!;
    return {
      utc: utc as UtcInstant,
      offsetMinutes: offsetCached(utc),
      ambiguous: valid.length > 1,
      nonexistent: false,
    };
  }
  // Skipped hour: interpret with the offset before the change (moves the time forward by one hour).
  const before = offsetCached(wall - 3 * 3_600_000);
  const utc = wall - before * 60_000;
  return { utc: utc as UtcInstant, offsetMinutes: offsetCached(utc), ambiguous: false, nonexistent: true };
}
