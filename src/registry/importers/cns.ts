import { isCalendarDate, type Problem } from '../../kernel/index.js';
import type { CnsTestDraft } from '../model/cns-test.js';
import { nameKey } from '../normalise/text.js';
import type { RowMapper } from '../services/run-import.js';

/**
 * The CNS North Korea Missile Test Database (James Martin Center for Nonproliferation Studies, for NTI), in
 * two layouts: the JSON copy maintained by nagix/nk-missile-tests (with its missile-type and facility files),
 * and the original spreadsheet ("Missile Tests" sheet, Excel serial dates). Dates and times are UTC.
 */
export const CNS_IMPORTER = { name: 'cns', version: '1.0.0' } as const;

export interface CnsTypes {
  readonly [key: string]:
    { readonly name?: string; readonly type?: string; readonly maneuver?: string } | undefined;
}
export interface CnsFacilities {
  readonly [key: string]:
    { readonly name?: string; readonly lat?: number; readonly lon?: number } | undefined;
}

export type CnsRecord =
  | { readonly layout: 'json'; readonly path: string; readonly ordinal: number; readonly value: unknown }
  | { readonly layout: 'xlsx'; readonly row: number; readonly cells: readonly unknown[] };

/** The CNS records early tests by month only ('1984-09'): keep the precision the source gives. */
function datePrecisionOf(text: string): CnsTestDraft['datePrecision'] | undefined {
  if (isCalendarDate(text)) return 'day';
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  if (m[2] === undefined) return 'year';
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? 'month' : undefined;
}

const OUTCOME = (t: string): CnsTestDraft['outcome'] | undefined => {
  const k = t.trim().toLowerCase();
  if (k === 'success') return 'success';
  if (k === 'failure' || k === 'fail') return 'failure';
  if (k === 'unknown' || k === '') return 'unknown';
  return undefined;
};

/** "50", 50, "50 km" -> 50; "unknown", "na", "Unknown" -> null; anything else is a problem. */
function km(v: unknown, field: string, where: Partial<Problem>, problems: Problem[]): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (Number.isFinite(v) && v >= 0) return v;
    problems.push({ ...where, field, reason: `not a distance: ${v}` });
    return null;
  }
  const t = String(v).trim().toLowerCase();
  if (t === '' || t === 'unknown' || t === 'na' || t === 'n/a') return null;
  const m = /^(\d+(?:\.\d+)?)\s*(km)?$/.exec(t.replace(/,/g, ''));
  if (m) return Number(m[1]);
  problems.push({ ...where, field, reason: `not a distance in km: '${String(v)}'` });
  return null;
}

export function mapCnsJsonRecord(
  rec: Extract<CnsRecord, { layout: 'json' }>,
  types: CnsTypes,
  facilities: CnsFacilities,
  hash: (t: string) => string,
): { draft?: CnsTestDraft; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (f: string): Partial<Problem> => ({ field: `${rec.path}.${f}` });
  const v = rec.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { problems: [{ field: rec.path, reason: 'not an object' }] };
  const o = v as Record<string, unknown>;
  const date = typeof o.date === 'string' ? o.date : '';
  const datePrecision = datePrecisionOf(date);
  if (!datePrecision)
    problems.push({ ...at('date'), reason: `not a date (YYYY-MM-DD, YYYY-MM or YYYY): '${String(o.date)}'` });
  const timeText = typeof o.time === 'string' ? o.time : 'unknown';
  const tm = /^(\d{1,2}):(\d{2})\s*\(UTC\)$/.exec(timeText);
  if (!tm && timeText !== 'unknown')
    problems.push({ ...at('time'), reason: `not 'HH:MM (UTC)' or 'unknown': '${timeText}'` });
  const missileKey = typeof o.missile === 'string' ? o.missile : '';
  if (!missileKey) problems.push({ ...at('missile'), reason: 'is missing' });
  const facilityKey = typeof o.facility === 'string' ? o.facility : 'unknown';
  const outcome = OUTCOME(String(o.outcome ?? 'unknown'));
  if (!outcome)
    problems.push({ ...at('outcome'), reason: `not success, failure or unknown: '${String(o.outcome)}'` });
  const apogee = km(o.apogee, `${rec.path}.apogee`, {}, problems);
  const distance = km(o.distance, `${rec.path}.distance`, {}, problems);
  const bearing = typeof o.bearing === 'number' && o.bearing >= 0 && o.bearing <= 360 ? o.bearing : null;
  if (o.bearing !== undefined && bearing === null)
    problems.push({ ...at('bearing'), reason: `not a bearing in degrees: '${String(o.bearing)}'` });
  if (problems.length > 0 || !outcome || !datePrecision) return { problems };
  const type = types[missileKey];
  const fac = facilities[facilityKey];
  const raw = o;
  return {
    problems,
    draft: {
      id: `cns_${hash(`json\u001f${JSON.stringify(raw)}`).slice(0, 24)}`,
      sourceRow: rec.ordinal,
      origin: 'json',
      dateUtc: date,
      datePrecision,
      timeUtc: tm ? `${tm[1]!.padStart(2, '0')}:${tm[2]}` : null,
      missileKey: nameKey(missileKey),
      missileName: type?.name ?? missileKey,
      missileClass: type?.type ?? null,
      facilityKey: nameKey(facilityKey),
      facilityName: fac?.name ?? null,
      facilityLat: typeof fac?.lat === 'number' && facilityKey !== 'unknown' ? fac.lat : null,
      facilityLon: typeof fac?.lon === 'number' && facilityKey !== 'unknown' ? fac.lon : null,
      landing: typeof o.landing === 'string' ? o.landing : null,
      apogeeKm: apogee,
      distanceKm: distance,
      bearingDeg: bearing,
      outcome,
      description: typeof o.description === 'string' ? o.description : '',
      raw,
    },
  };
}

/** The spreadsheet's columns, by header text. */
export const CNS_XLSX_COLUMNS = {
  date: 'Date',
  time: 'Launch Time (UTC)',
  missile: 'Missile Name',
  missileType: 'Missile Type',
  facility: 'Facility Name',
  lat: 'Facility Latitude',
  lon: 'Facility Longitude',
  landing: 'Landing Location',
  apogee: 'Apogee',
  distance: 'Distance Travelled',
  outcome: 'Test Outcome',
  info: 'Additional Information',
} as const;

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** An Excel cell holding a date: a JS Date (already converted by the reader) or a serial day number. */
function excelDate(v: unknown): Date | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v;
  if (typeof v === 'number' && Number.isFinite(v))
    return new Date(EXCEL_EPOCH_MS + Math.round(v * 86_400_000));
  if (typeof v === 'string' && isCalendarDate(v.trim())) return new Date(`${v.trim()}T00:00:00Z`);
  return undefined;
}

export function mapCnsXlsxRow(
  rec: Extract<CnsRecord, { layout: 'xlsx' }>,
  columns: Readonly<Record<keyof typeof CNS_XLSX_COLUMNS, number>>,
  hash: (t: string) => string,
): { draft?: CnsTestDraft; problems: Problem[] } {
  const problems: Problem[] = [];
  const line = rec.row;
  const cell = (k: keyof typeof CNS_XLSX_COLUMNS): unknown => rec.cells[columns[k]];
  const text = (k: keyof typeof CNS_XLSX_COLUMNS): string => {
    const v = cell(k);
    return v === null || v === undefined ? '' : String(v).trim();
  };
  const d = excelDate(cell('date'));
  if (!d) problems.push({ line, field: CNS_XLSX_COLUMNS.date, reason: `not a date: '${text('date')}'` });
  const t = cell('time');
  const tDate = t === null || t === undefined || t === '' ? undefined : excelDate(t);
  if (t !== null && t !== undefined && t !== '' && !tDate)
    problems.push({ line, field: CNS_XLSX_COLUMNS.time, reason: `not a time: '${String(t)}'` });
  const missile = text('missile');
  if (!missile) problems.push({ line, field: CNS_XLSX_COLUMNS.missile, reason: 'is empty' });
  const outcome = OUTCOME(text('outcome'));
  if (!outcome)
    problems.push({
      line,
      field: CNS_XLSX_COLUMNS.outcome,
      reason: `not Success, Failure or Unknown: '${text('outcome')}'`,
    });
  const apogee = km(cell('apogee'), CNS_XLSX_COLUMNS.apogee, { line }, problems);
  const distance = km(cell('distance'), CNS_XLSX_COLUMNS.distance, { line }, problems);
  const coord = (k: 'lat' | 'lon', lim: number): number | null => {
    const v = cell(k);
    if (typeof v === 'number' && Math.abs(v) <= lim) return v;
    const s = text(k).toLowerCase();
    if (s === '' || s === 'unknown') return null;
    problems.push({ line, field: CNS_XLSX_COLUMNS[k], reason: `not a coordinate: '${text(k)}'` });
    return null;
  };
  const lat = coord('lat', 90);
  const lon = coord('lon', 180);
  if (problems.length > 0 || !d || !outcome) return { problems };
  const raw = Object.fromEntries(
    Object.entries(CNS_XLSX_COLUMNS).map(([k, header]) => {
      const v = cell(k as keyof typeof CNS_XLSX_COLUMNS);
      return [header, v instanceof Date ? v.toISOString() : (v ?? null)];
    }),
  );
  return {
    problems,
    draft: {
      // The id hashes every cell (the sheet's serial column included): two launches can share all the rest.
      id: `cns_${hash(`xlsx\u001f${JSON.stringify(rec.cells)}`).slice(0, 24)}`,
      sourceRow: line,
      origin: 'xlsx',
      dateUtc: d.toISOString().slice(0, 10),
      datePrecision: 'day',
      timeUtc: tDate ? tDate.toISOString().slice(11, 16) : null,
      missileKey: nameKey(missile),
      missileName: missile,
      missileClass: text('missileType') || null,
      facilityKey: nameKey(text('facility') || 'unknown'),
      facilityName: text('facility') || null,
      facilityLat: lat,
      facilityLon: lon,
      landing: text('landing') || null,
      apogeeKm: apogee,
      distanceKm: distance,
      bearingDeg: null,
      outcome,
      description: text('info'),
      raw,
    },
  };
}

export interface CnsContext {
  readonly types: CnsTypes;
  readonly facilities: CnsFacilities;
}

/** Both layouts as one RowMapper; the spreadsheet's first record is its header row. */
export function cnsMapper(ctx: CnsContext, hash: (t: string) => string): RowMapper<CnsRecord, CnsTestDraft> {
  let columns: Record<keyof typeof CNS_XLSX_COLUMNS, number> | undefined;
  const seen = new Map<string, number>();
  return {
    kind: 'cns',
    importer: CNS_IMPORTER,
    lineOf: (r) => (r.layout === 'xlsx' ? r.row : r.ordinal),
    start(first) {
      if (first.layout === 'json') return { problems: [], consumesFirst: false };
      const header = first.cells.map((c) => (c === null || c === undefined ? '' : String(c).trim()));
      const problems: Problem[] = [];
      const found: Partial<Record<keyof typeof CNS_XLSX_COLUMNS, number>> = {};
      for (const [k, h] of Object.entries(CNS_XLSX_COLUMNS)) {
        const i = header.indexOf(h);
        if (i === -1)
          problems.push({
            line: first.row,
            field: h,
            reason: 'required column is missing from the Missile Tests sheet',
          });
        else found[k as keyof typeof CNS_XLSX_COLUMNS] = i;
      }
      columns = found as Record<keyof typeof CNS_XLSX_COLUMNS, number>;
      return { problems, consumesFirst: true };
    },
    map(rec) {
      const r =
        rec.layout === 'json'
          ? mapCnsJsonRecord(rec, ctx.types, ctx.facilities, hash)
          : mapCnsXlsxRow(rec, columns!, hash);
      if (!r.draft) return { drafts: [], problems: r.problems };
      // Identical records within one file stay distinct (an occurrence suffix), yet a newer copy of the
      // file maps each record to the same id, so re-imports do not duplicate.
      const n = seen.get(r.draft.id) ?? 0;
      seen.set(r.draft.id, n + 1);
      return { drafts: [n === 0 ? r.draft : { ...r.draft, id: `${r.draft.id}#${n}` }], problems: r.problems };
    },
    write: (session, sourceId, drafts) => session.writeCnsTests(sourceId, drafts),
  };
}
