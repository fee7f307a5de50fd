/**
 * Date codes as printed on electronic components and DPRK-made parts. A reading keeps the raw text, the form
 * it was read as, the production interval it implies (ISO dates, inclusive) and a confidence in [0, 1]:
 *
 * - YYYYWW (6 digits, e.g. 202137): year and ISO week; 0.9.
 * - YYWW (4 digits, e.g. 2137 = 2021 week 37): the most common form on ICs (JEDEC JESD22 style); 0.8.
 * - YWW (3 digits, e.g. 137): the decade is implied; the latest year ending in Y not after the reference year
 *   is taken; 0.5 (0.4 when it could also be a Juche year).
 * - Juche year (DPRK calendar, Gregorian = Juche + 1911: 112 = 2023, 113 = 2024): the whole year; 0.9 when
 *   marked (주체, "Juche", "J"), 0.7 when the caller says the part is DPRK-made, 0.4 when only guessed.
 *
 * A trailing letter suffix (a die revision or plant code, "2137A") is ignored at a cost (x 0.8). Weeks outside
 * 01..53, and anything else, give no reading: never a guess presented as a date.
 */
export type DateCodeFormat = 'YYYYWW' | 'YYWW' | 'YWW' | 'JUCHE';
export type Calendar = 'auto' | 'gregorian' | 'juche';

export interface DateCodeReading {
  readonly raw: string;
  readonly format: DateCodeFormat;
  readonly year: number;
  readonly week?: number;
  /** First and last possible production day, YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
  readonly confidence: number;
  readonly note: string;
  /** Other readings of the same text, less likely. */
  readonly alternatives?: readonly DateCodeReading[];
}

export const JUCHE_OFFSET = 1911;
export const jucheToGregorian = (juche: number): number => juche + JUCHE_OFFSET;

const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Monday of ISO week `week` of `year` (UTC ms). */
export function isoWeekMonday(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - dow * 86_400_000 + (week - 1) * 7 * 86_400_000;
}

/** ISO years have 52 or 53 weeks. */
export function weeksInIsoYear(year: number): number {
  const dec28 = Date.UTC(year, 11, 28);
  const monday = isoWeekMonday(year, 1);
  return Math.floor((dec28 - monday) / (7 * 86_400_000)) + 1;
}

function weekReading(
  raw: string,
  format: DateCodeFormat,
  year: number,
  week: number,
  confidence: number,
  note: string,
): DateCodeReading | undefined {
  if (week < 1 || week > weeksInIsoYear(year)) return undefined;
  const mon = isoWeekMonday(year, week);
  return { raw, format, year, week, from: day(mon), to: day(mon + 6 * 86_400_000), confidence, note };
}

function jucheReading(
  raw: string,
  juche: number,
  confidence: number,
  note: string,
): DateCodeReading | undefined {
  if (juche < 1 || juche > 200) return undefined;
  const year = jucheToGregorian(juche);
  return { raw, format: 'JUCHE', year, from: `${year}-01-01`, to: `${year}-12-31`, confidence, note };
}

const round = (x: number): number => Math.round(x * 100) / 100;

export interface DateCodeOptions {
  readonly calendar?: Calendar;
  /** The latest plausible year (e.g. the year the fragment was recovered); default 2100. */
  readonly referenceYear?: number;
}

export function parseDateCode(raw: string, opts: DateCodeOptions = {}): DateCodeReading | undefined {
  const calendar = opts.calendar ?? 'auto';
  const ref = opts.referenceYear ?? 2100;
  const text = raw.trim();
  const juche = /^(?:주체|juche|j)\s*[-.]?\s*(\d{2,3})(?:\s*년)?$/i.exec(text);
  if (juche)
    return jucheReading(
      raw,
      Number(juche[1]),
      0.9,
      `Juche ${juche[1]} = ${jucheToGregorian(Number(juche[1]))}`,
    );

  let compact = text.replace(/[\s./-]/g, '').toUpperCase();
  let factor = 1;
  let suffixNote = '';
  const suffix = /^(\d{3,6})([A-Z]{1,2}\d?)$/.exec(compact);
  if (suffix) {
    compact = suffix[1]!;
    factor = 0.8;
    suffixNote = `; suffix '${suffix[2]}' ignored`;
  }
  if (!/^\d+$/.test(compact)) return undefined;
  const n = compact.length;
  const adjust = (r: DateCodeReading | undefined): DateCodeReading | undefined =>
    r && { ...r, confidence: round(r.confidence * factor), note: r.note + suffixNote };

  if (calendar === 'juche')
    return n === 2 || n === 3
      ? adjust(
          jucheReading(
            raw,
            Number(compact),
            0.7,
            `Juche ${compact} = ${jucheToGregorian(Number(compact))} (DPRK part)`,
          ),
        )
      : undefined;

  if (n === 6) {
    const year = Number(compact.slice(0, 4));
    if (year < 1970 || year > ref) return undefined;
    return adjust(
      weekReading(raw, 'YYYYWW', year, Number(compact.slice(4)), 0.9, `${year} week ${compact.slice(4)}`),
    );
  }
  if (n === 4) {
    const yy = Number(compact.slice(0, 2));
    const year = 2000 + yy <= ref ? 2000 + yy : 1900 + yy;
    return adjust(
      weekReading(raw, 'YYWW', year, Number(compact.slice(2)), 0.8, `${year} week ${compact.slice(2)}`),
    );
  }
  if (n === 3) {
    const y = Number(compact[0]);
    let year = ref - ((((ref - y) % 10) + 10) % 10);
    if (year > ref) year -= 10;
    const asJuche =
      calendar === 'auto'
        ? jucheReading(
            raw,
            Number(compact),
            0.4,
            `or Juche ${compact} = ${jucheToGregorian(Number(compact))}`,
          )
        : undefined;
    const plausibleJuche = asJuche && asJuche.year <= ref && asJuche.year >= 2000 ? asJuche : undefined;
    const yww = weekReading(
      raw,
      'YWW',
      year,
      Number(compact.slice(1)),
      plausibleJuche ? 0.4 : 0.5,
      `${year} week ${compact.slice(1)} (decade assumed)`,
    );
    if (!yww) return adjust(plausibleJuche);
    return adjust(plausibleJuche ? { ...yww, alternatives: [plausibleJuche] } : yww);
  }
  return undefined;
}
