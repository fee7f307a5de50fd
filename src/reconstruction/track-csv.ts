import { parse } from 'csv-parse/sync';
import { err, ok, parseIsoInstant, salvoError, toIso } from '../kernel/index.js';
import type { LatLonAlt, Problem, Result, UtcInstant } from '../kernel/index.js';
import { degrees, meters } from '../kernel/index.js';
import type { Observation, ObservationKind, Track } from './observation.js';
import { OBSERVATION_KINDS } from './observation.js';

/** TRACK.csv columns, in the order the writer prints them (issue 3; documented in docs/formats.md). */
export const TRACK_COLUMNS = [
  't',
  'kind',
  'site_lat',
  'site_lon',
  'site_alt_m',
  'range_m',
  'az_deg',
  'el_deg',
  'range_rate_mps',
  'lat',
  'lon',
  'alt_m',
  'sigma_range_m',
  'sigma_angle_deg',
  'sigma_h_m',
  'sigma_v_m',
  'sigma_range_rate_mps',
] as const;
type Column = (typeof TRACK_COLUMNS)[number];

/** Lowest land on Earth is about -430 m (Dead Sea shore); a site lower than this is inside the Earth. */
const LOWEST_SITE_ALT_M = -500;
const MAX_PROBLEMS = 50;

/**
 * Parses TRACK.csv text into observations. Every problem names its line (the header is line 1) and column:
 * unknown kind or column, a missing or non-positive sigma, a missing or non-finite number (NaN, Infinity,
 * text), a time without a zone or in a local zone (only UTC is accepted: `Z` or `+00:00`), times out of
 * order, latitude out of range, a site inside the Earth. Returns INVALID_INPUT with all problems (up to 50).
 */
export function parseTrackCsv(text: string, file?: string): Result<Track> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (e) {
    return err(
      salvoError('INVALID_INPUT', `not a CSV file: ${(e as Error).message}`, [
        { ...(file ? { file } : {}), reason: 'not CSV' },
      ]),
    );
  }
  const problems: Problem[] = [];
  const at = (line: number, field: string | undefined, reason: string): void => {
    if (problems.length < MAX_PROBLEMS)
      problems.push({ ...(file ? { file } : {}), line, ...(field ? { field } : {}), reason });
  };
  const head = records[0];
  if (!head)
    return err(
      salvoError('INVALID_INPUT', 'empty track file', [{ ...(file ? { file } : {}), reason: 'empty file' }]),
    );
  const header = head.record.map((h) => h.trim());
  header.forEach((h) => {
    if (!(TRACK_COLUMNS as readonly string[]).includes(h))
      at(1, h, `unknown column (expected ${TRACK_COLUMNS.join(', ')})`);
  });
  for (const need of ['t', 'kind'] as const) if (!header.includes(need)) at(1, need, 'missing column');
  if (problems.length > 0) return err(salvoError('INVALID_INPUT', 'bad TRACK.csv header', problems));

  const out: Observation[] = [];
  let lastT: { t: UtcInstant; line: number } | undefined;
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (c: Column): string => {
      const i = header.indexOf(c);
      return i < 0 ? '' : (record[i] ?? '').trim();
    };
    const num = (c: Column, required: boolean): number | undefined => {
      const s = cell(c);
      if (s === '') {
        if (required) at(line, c, 'missing');
        return undefined;
      }
      const v = Number(s);
      if (!Number.isFinite(v) || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
        at(line, c, `not a finite number: ${JSON.stringify(s)}`);
        return undefined;
      }
      return v;
    };
    const sigma = (c: Column, required: boolean): number | undefined => {
      const v = num(c, false);
      if (v === undefined) {
        if (required && cell(c) === '') at(line, c, 'missing sigma');
        return undefined;
      }
      if (v <= 0) {
        at(line, c, 'sigma must be > 0');
        return undefined;
      }
      return v;
    };
    const lat = (c: Column, required: boolean): number | undefined => {
      const v = num(c, required);
      if (v !== undefined && Math.abs(v) > 90) {
        at(line, c, 'latitude outside [-90, 90]');
        return undefined;
      }
      return v;
    };
    const lon = (c: Column, required: boolean): number | undefined => {
      const v = num(c, required);
      if (v !== undefined && (v < -180 || v > 360)) {
        at(line, c, 'longitude outside [-180, 360]');
        return undefined;
      }
      return v;
    };
    const before = problems.length;
    const kindText = cell('kind');
    if (!(OBSERVATION_KINDS as readonly string[]).includes(kindText)) {
      at(
        line,
        'kind',
        `unknown kind ${JSON.stringify(kindText)} (expected ${OBSERVATION_KINDS.join(' | ')})`,
      );
      continue;
    }
    const kind = kindText as ObservationKind;
    const timed = kind === 'radar' || kind === 'fix' || kind === 'sighting';
    const t = parseTime(cell('t'), timed, (reason) => at(line, 't', reason));
    if (t !== undefined) {
      if (lastT && t < lastT.t) at(line, 't', `time out of order: earlier than line ${lastT.line}`);
      lastT = { t, line };
    }
    const site = (): LatLonAlt | undefined => {
      const la = lat('site_lat', true);
      const lo = lon('site_lon', true);
      const al = num('site_alt_m', true);
      if (al !== undefined && al < LOWEST_SITE_ALT_M) {
        at(line, 'site_alt_m', `site is inside the Earth (${al} m below the ellipsoid)`);
        return undefined;
      }
      if (la === undefined || lo === undefined || al === undefined) return undefined;
      return { latDeg: degrees(la), lonDeg: degrees(lo), altM: meters(al) };
    };
    const elevation = (): number | undefined => {
      const v = num('el_deg', true);
      if (v !== undefined && Math.abs(v) > 90) {
        at(line, 'el_deg', 'elevation outside [-90, 90]');
        return undefined;
      }
      return v;
    };
    let obs: Observation | undefined;
    switch (kind) {
      case 'radar': {
        const s = site();
        const rangeM = num('range_m', true);
        const azDeg = num('az_deg', true);
        const elDeg = elevation();
        const rr = num('range_rate_mps', false);
        const sr = sigma('sigma_range_m', true);
        const sa = sigma('sigma_angle_deg', true);
        const srr = sigma('sigma_range_rate_mps', rr !== undefined);
        if (rangeM !== undefined && rangeM <= 0) at(line, 'range_m', 'range must be > 0');
        if (problems.length === before && s && t !== undefined) {
          obs = {
            kind,
            line,
            t,
            site: s,
            rangeM: rangeM as number,
            azDeg: azDeg as number,
            elDeg: elDeg as number,
            sigmaRangeM: sr as number,
            sigmaAngleDeg: sa as number,
            ...(rr !== undefined ? { rangeRateMps: rr, sigmaRangeRateMps: srr as number } : {}),
          };
        }
        break;
      }
      case 'sighting': {
        const s = site();
        const azDeg = num('az_deg', true);
        const elDeg = elevation();
        const sa = sigma('sigma_angle_deg', true);
        if (problems.length === before && s && t !== undefined) {
          obs = {
            kind,
            line,
            t,
            site: s,
            azDeg: azDeg as number,
            elDeg: elDeg as number,
            sigmaAngleDeg: sa as number,
          };
        }
        break;
      }
      case 'fix':
      case 'breakup': {
        const la = lat('lat', true);
        const lo = lon('lon', true);
        const al = num('alt_m', true);
        const sh = sigma('sigma_h_m', true);
        const sv = sigma('sigma_v_m', true);
        if (problems.length === before) {
          const common = {
            line,
            latDeg: la as number,
            lonDeg: lo as number,
            altM: al as number,
            sigmaHM: sh as number,
            sigmaVM: sv as number,
          };
          if (kind === 'fix' && t !== undefined) obs = { kind, t, ...common };
          else if (kind === 'breakup') obs = { kind, ...(t !== undefined ? { t } : {}), ...common };
        }
        break;
      }
      case 'impact': {
        const la = lat('lat', true);
        const lo = lon('lon', true);
        const al = num('alt_m', false);
        const sh = sigma('sigma_h_m', true);
        if (problems.length === before) {
          obs = {
            kind,
            line,
            ...(t !== undefined ? { t } : {}),
            latDeg: la as number,
            lonDeg: lo as number,
            altM: al ?? 0,
            sigmaHM: sh as number,
          };
        }
        break;
      }
      case 'launch': {
        const la = lat('lat', true);
        const lo = lon('lon', true);
        const al = num('alt_m', false);
        const sh = sigma('sigma_h_m', true);
        const sv = sigma('sigma_v_m', false);
        if (problems.length === before) {
          obs = {
            kind,
            line,
            ...(t !== undefined ? { t } : {}),
            latDeg: la as number,
            lonDeg: lo as number,
            ...(al !== undefined ? { altM: al } : {}),
            sigmaHM: sh as number,
            ...(sv !== undefined ? { sigmaVM: sv } : {}),
          };
        }
        break;
      }
    }
    if (obs) out.push(obs);
  }
  if (problems.length > 0) {
    return err(
      salvoError(
        'INVALID_INPUT',
        `${problems.length === MAX_PROBLEMS ? 'at least ' : ''}${problems.length} problem(s) in TRACK.csv`,
        problems,
      ),
    );
  }
  if (out.length === 0)
    return err(
      salvoError('INVALID_INPUT', 'the track has no observations', [
        { ...(file ? { file } : {}), reason: 'no rows' },
      ]),
    );
  return ok({ observations: out });
}

const UTC_SUFFIX = /(Z|[+-]00:?00)$/i;
const ANY_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

function parseTime(s: string, required: boolean, problem: (reason: string) => void): UtcInstant | undefined {
  if (s === '') {
    if (required) problem('missing time');
    return undefined;
  }
  if (!ANY_ZONE.test(s)) {
    problem(`time ${JSON.stringify(s)} has no zone (a local time?): give UTC, e.g. 2024-01-02T05:30:00Z`);
    return undefined;
  }
  if (!UTC_SUFFIX.test(s)) {
    problem(`time ${JSON.stringify(s)} is in a local zone: convert it to UTC (Z)`);
    return undefined;
  }
  const t = parseIsoInstant(s);
  if (t === undefined) problem(`not an ISO 8601 time: ${JSON.stringify(s)}`);
  return t;
}

/**
 * Writes observations as TRACK.csv text (header + one row per observation, unused cells empty). Numbers are
 * printed in their shortest exact form, so `parseTrackCsv(writeTrackCsv(x))` gives x back (with line numbers).
 */
export function writeTrackCsv(observations: readonly Observation[]): string {
  const lines = [TRACK_COLUMNS.join(',')];
  for (const o of observations) {
    const row: Partial<Record<Column, string | number | undefined>> = {
      kind: o.kind,
      t: o.t === undefined ? undefined : toIso(o.t),
    };
    switch (o.kind) {
      case 'radar':
        Object.assign(row, {
          site_lat: o.site.latDeg,
          site_lon: o.site.lonDeg,
          site_alt_m: o.site.altM,
          range_m: o.rangeM,
          az_deg: o.azDeg,
          el_deg: o.elDeg,
          range_rate_mps: o.rangeRateMps,
          sigma_range_m: o.sigmaRangeM,
          sigma_angle_deg: o.sigmaAngleDeg,
          sigma_range_rate_mps: o.sigmaRangeRateMps,
        });
        break;
      case 'sighting':
        Object.assign(row, {
          site_lat: o.site.latDeg,
          site_lon: o.site.lonDeg,
          site_alt_m: o.site.altM,
          az_deg: o.azDeg,
          el_deg: o.elDeg,
          sigma_angle_deg: o.sigmaAngleDeg,
        });
        break;
      case 'fix':
      case 'breakup':
        Object.assign(row, {
          lat: o.latDeg,
          lon: o.lonDeg,
          alt_m: o.altM,
          sigma_h_m: o.sigmaHM,
          sigma_v_m: o.sigmaVM,
        });
        break;
      case 'impact':
        Object.assign(row, { lat: o.latDeg, lon: o.lonDeg, alt_m: o.altM, sigma_h_m: o.sigmaHM });
        break;
      case 'launch':
        Object.assign(row, {
          lat: o.latDeg,
          lon: o.lonDeg,
          alt_m: o.altM,
          sigma_h_m: o.sigmaHM,
          sigma_v_m: o.sigmaVM,
        });
        break;
    }
    lines.push(TRACK_COLUMNS.map((c) => (row[c] === undefined ? '' : String(row[c]))).join(','));
  }
  return lines.join('\n') + '\n';
}
