import { en, type MessageKey } from './messages.js';

export type { MessageKey };
export type Vars = Readonly<Record<string, string | number>>;

/** The active catalogue: English first; a translation is a `Partial<typeof en>` that falls back to English. */
let active: Partial<Record<MessageKey, string>> = en;
let locale = 'en';

export function setCatalogue(tag: string, messages: Partial<Record<MessageKey, string>>): void {
  locale = tag;
  active = messages;
}

export const currentLocale = (): string => locale;

/** The message `key` with `{name}` placeholders filled from `vars`. */
export function t(key: MessageKey, vars?: Vars): string {
  const text = active[key] ?? en[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = vars[name];
    return v === undefined ? m : String(v);
  });
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number for people: grouping, at most `digits` fraction digits. */
export function fmtNumber(x: number, digits = 0): string {
  const k = `${locale}:${digits}`;
  let f = numberFormats.get(k);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    numberFormats.set(k, f);
  }
  return f.format(x);
}

/** A share 0..1 as a percentage with `digits` decimals (only ever shown next to its interval). */
export function fmtPct(x: number, digits = 0): string {
  const floor = 10 ** -digits / 100;
  if (x > 0 && x < floor) return `< ${fmtNumber(100 * floor, digits)} %`;
  return `${fmtNumber(100 * x, digits)} %`;
}

/** An instant as `YYYY-MM-DD HH:MM UTC` (investigators compare times across zones; UTC is unambiguous). */
export function fmtUtc(iso: string | number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const fmtDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Metres as m or km. */
export function fmtMetres(m: number): string {
  return m >= 10_000 ? `${fmtNumber(m / 1000, 1)} km` : `${fmtNumber(m, m < 100 ? 1 : 0)} m`;
}

/** The message for a key built at run time (e.g. from server data), or `fallback` when there is none. */
export function tOr(key: string, fallback: string): string {
  return key in en ? t(key as MessageKey) : fallback;
}
