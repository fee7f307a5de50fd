import { toIso, type Problem } from '../../kernel/index.js';
import type { AttackReportDraft, Attribution, PlaceRole, TimePrecision } from '../model/attack-report.js';
import { kyivLocalToUtc } from '../normalise/kyiv-time.js';
import { resolveModelLabel, unrecognisedModelId } from '../normalise/models.js';
import { resolvePlace, type PlaceMention } from '../normalise/places.js';
import { parsePythonLiteral, PyLiteralError, type PyValue } from '../normalise/python-literal.js';
import { splitAnd } from '../normalise/text.js';

/**
 * The "Massive Missile Attacks on Ukraine" daily table (Petro Ivaniuk, digitised from Ukrainian Air Force
 * posts). One published row = one weapon model (or an " and "-joined list) per attack window; times are Kyiv
 * local time, sometimes a date only; dict and list columns are Python literals with NaN.
 */
export const AIRFORCE_IMPORTER = { name: 'airforce', version: '1.0.0' } as const;

export const AIRFORCE_REQUIRED_COLUMNS = [
  'time_start',
  'time_end',
  'model',
  'launched',
  'destroyed',
] as const;
export const AIRFORCE_KNOWN_COLUMNS = [
  'time_start',
  'time_end',
  'model',
  'launch_place',
  'target',
  'target_main',
  'launched',
  'destroyed',
  'not_reach_goal',
  'still_attacking',
  'border_crossing',
  'is_shahed',
  'num_hit_location',
  'num_fall_fragment_location',
  'carrier',
  'turbojet',
  'turbojet_destroyed',
  'affected region',
  'destroyed_details',
  'launched_details',
  'launch_place_details',
  'source',
] as const;

/** Header problems, reported once for the file (line 1). */
export function checkAirforceHeader(header: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) problems.push({ line: 1, field: h, reason: 'duplicate column' });
    seen.add(h);
  }
  for (const c of AIRFORCE_REQUIRED_COLUMNS)
    if (!seen.has(c)) problems.push({ line: 1, field: c, reason: 'required column is missing' });
  const unknown = header.filter((h) => !(AIRFORCE_KNOWN_COLUMNS as readonly string[]).includes(h));
  for (const h of unknown)
    if (h === 'affected_region') continue;
    else problems.push({ line: 1, field: h, reason: 'unknown column (is this the Air Force daily CSV?)' });
  return problems;
}

interface ParsedTime {
  readonly utcMs: number;
  /** The same instant as ISO 8601 UTC text (memoised with the parse: formatting a Date costs microseconds). */
  readonly iso: string;
  readonly dateOnly: boolean;
  readonly note?: string;
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Memo for the hot path: the same time texts and place texts recur on many rows (a night's rows share their
 * window; launch areas repeat), and both conversions are pure. Bounded so memory stays flat on any input.
 */
function memo<T>(fn: (key: string) => T, limit = 50_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = fn(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, v);
    }
    return v;
  };
}
const startTime = memo((t) => parseKyivTimeUncached(t, false));
const endTime = memo((t) => parseKyivTimeUncached(t, true));
const place = memo(resolvePlace);
const parseKyivTime = (text: string, endOfDay: boolean): ParsedTime | string =>
  (endOfDay ? endTime : startTime)(text);

function parseKyivTimeUncached(text: string, endOfDay: boolean): ParsedTime | string {
  const m = TIME_RE.exec(text.trim());
  if (!m) return `not a date or date-time (expected YYYY-MM-DD or YYYY-MM-DD HH:MM, Kyiv time): '${text}'`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return `no such date: '${text}'`;
  if (m[4] === undefined) {
    // A date only: the window covers the whole Kyiv day; the end is the next local midnight.
    const day = endOfDay ? new Date(Date.UTC(y, mo - 1, d + 1)) : check;
    const c = kyivLocalToUtc(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 0, 0);
    return { utcMs: c.utc, iso: toIso(c.utc), dateOnly: true };
  }
  const [h, mi] = [Number(m[4]), Number(m[5])];
  if (h > 23 || mi > 59) return `no such time of day: '${text}'`;
  const c = kyivLocalToUtc(y, mo, d, h, mi);
  const note = c.ambiguous
    ? `${text} Kyiv falls in the repeated autumn hour; the earlier (summer-time) instant was taken`
    : c.nonexistent
      ? `${text} Kyiv falls in the skipped spring hour; shifted forward`
      : undefined;
  const iso = toIso(c.utc);
  return note ? { utcMs: c.utc, iso, dateOnly: false, note } : { utcMs: c.utc, iso, dateOnly: false };
}

/** "236.0" -> 236; empty -> null; anything else non-integral or negative is a problem. */
function parseCount(text: string | undefined): number | null | string {
  const t = (text ?? '').trim();
  if (t === '' || t === 'nan' || t === 'NaN') return null;
  if (!/^\d+(?:\.0+)?$/.test(t)) return `not a non-negative whole number: '${t}'`;
  return Number(t);
}

function parseLiteral(text: string | undefined): PyValue | undefined | string {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  try {
    return parsePythonLiteral(t);
  } catch (e) {
    if (e instanceof PyLiteralError) return `not a valid Python literal (${e.message}): '${t.slice(0, 80)}'`;
    throw e;
  }
}

export interface AirforceRowResult {
  readonly reports: AttackReportDraft[];
  readonly problems: Problem[];
  /** Labels Salvo did not recognise, with the ids they are registered under (as `unspecified` models). */
  readonly unrecognised: { readonly label: string; readonly id: string }[];
}

/**
 * Maps one published row (header -> text) at a file line to stored report rows. Splitting an " and "-joined
 * row never changes a total: per-model rows take `launched_details`, and the remainder (launched not covered,
 * and the whole destroyed figure, which the details do not split) stays on a `remainder` row.
 */
export function mapAirforceRow(
  row: Readonly<Record<string, string>>,
  line: number,
  contentKey: string,
): AirforceRowResult {
  const problems: Problem[] = [];
  const problem = (field: string, reason: string): void => void problems.push({ line, field, reason });
  const notes: string[] = [];
  const unrecognised: { label: string; id: string }[] = [];

  const startRaw = row.time_start ?? '';
  const endRaw = row.time_end ?? '';
  const start = parseKyivTime(startRaw, false);
  const endParsed = endRaw.trim() === '' ? undefined : parseKyivTime(endRaw, true);
  if (typeof start === 'string') problem('time_start', start);
  if (typeof endParsed === 'string') problem('time_end', endParsed);
  if (endRaw.trim() === '') problem('time_end', 'is empty');

  const counts: Record<string, number | null> = {};
  for (const f of [
    'launched',
    'destroyed',
    'not_reach_goal',
    'still_attacking',
    'num_hit_location',
    'num_fall_fragment_location',
  ]) {
    const v = parseCount(row[f]);
    if (typeof v === 'string') problem(f, v);
    else counts[f] = v;
  }
  const launched = counts.launched ?? null;
  const destroyed = counts.destroyed ?? null;
  if (launched !== null && destroyed !== null && destroyed > launched)
    problem('destroyed', `${destroyed} destroyed is more than ${launched} launched`);

  const literals: Record<string, PyValue | undefined> = {};
  for (const f of [
    'border_crossing',
    'affected region',
    'destroyed_details',
    'launched_details',
    'launch_place_details',
  ]) {
    const v = parseLiteral(row[f]);
    if (typeof v === 'string') problem(f, v);
    else literals[f] = v;
  }

  const modelRaw = (row.model ?? '').trim();
  if (modelRaw === '') problem('model', 'is empty');

  if (
    problems.length > 0 ||
    typeof start === 'string' ||
    typeof endParsed === 'string' ||
    endParsed === undefined
  )
    return { reports: [], problems, unrecognised };

  if (start.note) notes.push(start.note);
  if (endParsed.note) notes.push(endParsed.note);
  if (endParsed.utcMs < start.utcMs) {
    problem('time_end', `ends (${endRaw}) before it starts (${startRaw})`);
    return { reports: [], problems, unrecognised };
  }
  const timePrecision: TimePrecision =
    start.dateOnly && endParsed.dateOnly
      ? 'day'
      : !start.dateOnly && !endParsed.dateOnly
        ? 'minute'
        : 'mixed';

  const labels = splitAnd(modelRaw);
  const modelIdOf = (label: string): string => {
    const known = resolveModelLabel(label);
    if (known) return known.id;
    const id = unrecognisedModelId(label);
    if (!unrecognised.some((u) => u.id === id)) unrecognised.push({ label, id });
    return id;
  };
  const modelIds = labels.map(modelIdOf);

  const placesOf = (text: string | undefined, role: PlaceRole): (PlaceMention & { role: PlaceRole })[] =>
    splitAnd(text ?? '').map((p) => ({ role, ...place(p) })); // spread last: see make()
  const affected = literals['affected region'];
  const affectedPlaces = Array.isArray(affected)
    ? affected
        .filter((a): a is string => typeof a === 'string')
        .map((a) => ({ role: 'affected' as const, ...place(a) }))
    : [];
  const commonPlaces = [
    ...placesOf(row.target, 'target'),
    ...placesOf(row.target_main, 'target_main'),
    ...affectedPlaces,
  ];

  const base = {
    timeStartUtc: start.iso,
    timeEndUtc: endParsed.iso,
    timePrecision,
    notReachGoal: counts.not_reach_goal ?? null,
    stillAttacking: counts.still_attacking ?? null,
    numHitLocation: counts.num_hit_location ?? null,
    numFallFragmentLocation: counts.num_fall_fragment_location ?? null,
    raw: row,
    sourceLine: line,
  };
  const make = (
    splitIndex: number,
    attribution: Attribution,
    fields: Pick<
      AttackReportDraft,
      'modelLabel' | 'modelId' | 'modelIds' | 'launched' | 'destroyed' | 'destroyedBase' | 'places'
    >,
    extraNotes: string[] = [],
  ): AttackReportDraft => {
    // Built property by property: on Node 20 an object literal with two spreads takes V8's slow path
    // (~40 us for ~20 properties, measured), and this runs once per imported row.
    const first = splitIndex === 0;
    return {
      // The window's start leads the id so that an import appends to the primary-key index in (reverse) time
      // order instead of at random places: measured ~1.5-2.5x faster inserts than a bare hash.
      id: `ar_${base.timeStartUtc.slice(0, 16).replace(/[-:T]/g, '')}_${contentKey}:${splitIndex}`,
      sourceLine: line,
      splitIndex,
      attribution,
      modelLabel: fields.modelLabel,
      modelId: fields.modelId,
      modelIds: fields.modelIds,
      timeStartUtc: base.timeStartUtc,
      timeEndUtc: base.timeEndUtc,
      timePrecision: base.timePrecision,
      launched: fields.launched,
      destroyed: fields.destroyed,
      destroyedBase: fields.destroyedBase,
      // Sub-counts (not reaching the goal, hit locations) describe the whole published row; keep them on the
      // first stored row only, so sums over stored rows equal the published sums.
      notReachGoal: first ? base.notReachGoal : null,
      stillAttacking: first ? base.stillAttacking : null,
      numHitLocation: first ? base.numHitLocation : null,
      numFallFragmentLocation: first ? base.numFallFragmentLocation : null,
      places: fields.places,
      notes: extraNotes.length === 0 ? notes : notes.concat(extraNotes),
      raw: row,
    };
  };

  const launchPlaces = placesOf(row.launch_place, 'launch');
  if (labels.length === 1) {
    return {
      reports: [
        make(0, 'single', {
          modelLabel: labels[0]!,
          modelId: modelIds[0],
          modelIds,
          launched,
          destroyed,
          destroyedBase: destroyed === null ? null : launched,
          places: [...launchPlaces, ...commonPlaces],
        }),
      ],
      problems,
      unrecognised,
    };
  }

  const details = literals.launched_details;
  const placeDetails = literals.launch_place_details;
  const placeDetailOf = (label: string): string | undefined => {
    if (placeDetails && typeof placeDetails === 'object' && !Array.isArray(placeDetails)) {
      const v = placeDetails[label];
      return typeof v === 'string' ? v : undefined;
    }
    return undefined;
  };
  const detailEntries =
    details && typeof details === 'object' && !Array.isArray(details) ? Object.entries(details) : undefined;

  if (!detailEntries || launched === null) {
    const places = [...launchPlaces];
    if (launchPlaces.length === 0)
      for (const l of labels)
        places.push(...placesOf(placeDetailOf(l), 'launch').map((p) => ({ ...p, note: `for ${l}` })));
    return {
      reports: [
        make(
          0,
          'combined',
          {
            modelLabel: modelRaw,
            modelId: undefined,
            modelIds,
            launched,
            destroyed,
            destroyedBase: destroyed === null ? null : launched,
            places: [...places, ...commonPlaces],
          },
          ['combined row kept whole: no launched_details to split it by model'],
        ),
      ],
      problems,
      unrecognised,
    };
  }

  // Split by launched_details.
  let covered = 0;
  const reports: AttackReportDraft[] = [];
  for (const [label, count] of detailEntries) {
    if (typeof count !== 'number' || Number.isNaN(count)) continue;
    if (!Number.isInteger(count) || count < 0) {
      problem('launched_details', `${label}: not a non-negative whole number: ${count}`);
      continue;
    }
    if (!labels.includes(label))
      notes.push(`launched_details names '${label}', which the model column does not`);
    covered += count;
    const id = modelIdOf(label);
    reports.push(
      make(reports.length, 'split', {
        modelLabel: label,
        modelId: id,
        modelIds: [id],
        launched: count,
        destroyed: null,
        destroyedBase: null,
        places: [...placesOf(placeDetailOf(label) ?? '', 'launch'), ...commonPlaces],
      }),
    );
  }
  if (covered > launched) {
    problem('launched_details', `details add up to ${covered}, more than the ${launched} launched`);
    return { reports: [], problems, unrecognised };
  }
  const remainder = launched - covered;
  if (remainder > 0 || destroyed !== null) {
    reports.push(
      make(
        reports.length,
        'remainder',
        {
          modelLabel: `unattributed (${modelRaw})`,
          modelId: undefined,
          modelIds,
          launched: remainder,
          destroyed,
          destroyedBase: destroyed === null ? null : launched,
          places: [...launchPlaces, ...commonPlaces],
        },
        [
          `launched_details cover ${covered} of ${launched}; the remainder ${remainder} and the destroyed figure (not split by the source) stay here`,
        ],
      ),
    );
  }
  // Row-level sub-counts stay on the first stored row.
  return { reports, problems, unrecognised };
}
