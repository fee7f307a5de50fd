import { parseIsoInstant, SalvoFailure, salvoError, toIso, type Problem } from '../../kernel/index.js';
import { OUTCOMES, type IncidentDraft, type Outcome } from '../model/incident.js';
import { resolveModelLabel } from '../normalise/models.js';
import { resolvePlace } from '../normalise/places.js';
import type { TextRecord } from './airforce-mapper.js';
import type { RowMapper } from '../services/run-import.js';

export const INCIDENTS_IMPORTER = { name: 'incidents', version: '1.0.0' } as const;

/** The documented columns of Salvo's incidents CSV (docs/formats.md). */
export const INCIDENT_COLUMNS = [
  'id',
  'occurred_at',
  'lat',
  'lon',
  'location_precision_m',
  'target_region',
  'launch_region',
  'launch_lat',
  'launch_lon',
  'model_claimed',
  'outcome',
  'debris_recovered',
  'identified_type',
  'killed',
  'injured',
  'source_url',
  'notes',
] as const;
const REQUIRED = ['id', 'occurred_at', 'outcome'] as const;

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

type Row = Readonly<Record<string, string>>;

function num(
  row: Row,
  field: string,
  problems: Problem[],
  line: number,
  range?: [number, number],
): number | null {
  const t = (row[field] ?? '').trim();
  if (t === '') return null;
  const v = Number(t);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) || !Number.isFinite(v)) {
    problems.push({ line, field, reason: `not a number: '${t}'` });
    return null;
  }
  if (range && (v < range[0] || v > range[1])) {
    problems.push({ line, field, reason: `${v} is outside [${range[0]}, ${range[1]}]` });
    return null;
  }
  return v;
}

function count(row: Row, field: string, problems: Problem[], line: number): number | null {
  const t = (row[field] ?? '').trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t)) {
    problems.push({ line, field, reason: `not a non-negative whole number: '${t}'` });
    return null;
  }
  return Number(t);
}

function region(
  row: Row,
  field: string,
  problems: Problem[],
  line: number,
): { iso: string | null; raw: string } {
  const raw = (row[field] ?? '').trim();
  if (raw === '') return { iso: null, raw };
  if (/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(raw)) {
    const p = resolvePlace(raw);
    return { iso: p.iso ?? raw, raw };
  }
  const p = resolvePlace(raw);
  if (!p.iso || p.kind === 'direction' || p.kind === 'sea') {
    problems.push({ line, field, reason: `'${raw}' is not an ISO 3166-2 code or a region Salvo knows` });
    return { iso: null, raw };
  }
  return { iso: p.iso, raw };
}

function pair(
  row: Row,
  a: string,
  b: string,
  range: [number, number][],
  problems: Problem[],
  line: number,
): [number | null, number | null] {
  const x = num(row, a, problems, line, range[0]);
  const y = num(row, b, problems, line, range[1]);
  const emptyA = (row[a] ?? '').trim() === '';
  const emptyB = (row[b] ?? '').trim() === '';
  if (emptyA !== emptyB)
    problems.push({ line, field: emptyA ? a : b, reason: `${a} and ${b} go together: give both or neither` });
  return [x, y];
}

/** Maps one row of the incidents CSV; pure apart from the content hash function passed in. */
export function mapIncidentRow(
  row: Row,
  line: number,
  hash: (text: string) => string,
): { draft?: IncidentDraft; problems: Problem[] } {
  const problems: Problem[] = [];
  const id = (row.id ?? '').trim();
  if (!ID_RE.test(id))
    problems.push({
      line,
      field: 'id',
      reason: id === '' ? 'is empty' : `'${id}' is not a valid id (letters, digits, . _ : -; at most 64)`,
    });
  const occurredRaw = (row.occurred_at ?? '').trim();
  const occurred = parseIsoInstant(occurredRaw);
  if (occurred === undefined)
    problems.push({
      line,
      field: 'occurred_at',
      reason:
        occurredRaw === ''
          ? 'is empty'
          : `'${occurredRaw}' is not ISO 8601 with a zone (e.g. 2024-01-02T05:30:00+02:00)`,
    });
  const [lat, lon] = pair(
    row,
    'lat',
    'lon',
    [
      [-90, 90],
      [-180, 180],
    ],
    problems,
    line,
  );
  const precision = num(row, 'location_precision_m', problems, line, [0, 2_000_000]);
  if (lat !== null && precision === null && (row.location_precision_m ?? '').trim() === '')
    problems.push({
      line,
      field: 'location_precision_m',
      reason: 'a location needs its precision in metres',
    });
  const target = region(row, 'target_region', problems, line);
  const launch = region(row, 'launch_region', problems, line);
  const [launchLat, launchLon] = pair(
    row,
    'launch_lat',
    'launch_lon',
    [
      [-90, 90],
      [-180, 180],
    ],
    problems,
    line,
  );
  const claimedRaw = (row.model_claimed ?? '').trim();
  const claimed = claimedRaw ? resolveModelLabel(claimedRaw) : undefined;
  const outcomeRaw = (row.outcome ?? '').trim().toLowerCase();
  if (!(OUTCOMES as readonly string[]).includes(outcomeRaw))
    problems.push({
      line,
      field: 'outcome',
      reason: `'${row.outcome ?? ''}' is not one of ${OUTCOMES.join(', ')}`,
    });
  const debrisRaw = (row.debris_recovered ?? '').trim().toLowerCase();
  let debris: boolean | null = null;
  if (debrisRaw === 'true') debris = true;
  else if (debrisRaw === 'false') debris = false;
  else if (debrisRaw !== '')
    problems.push({ line, field: 'debris_recovered', reason: `'${debrisRaw}' is not true, false or empty` });
  const typeRaw = (row.identified_type ?? '').trim();
  let identified: string | null = null;
  if (typeRaw) {
    const m = resolveModelLabel(typeRaw);
    if (!m)
      problems.push({ line, field: 'identified_type', reason: `'${typeRaw}' is not a type Salvo knows` });
    else if (m.members.length > 0)
      problems.push({
        line,
        field: 'identified_type',
        reason: `'${typeRaw}' names ${m.members.length} types; an identified type must be one`,
      });
    else identified = m.id;
  }
  const killed = count(row, 'killed', problems, line);
  const injured = count(row, 'injured', problems, line);
  const url = (row.source_url ?? '').trim();
  if (url && !/^https?:\/\/[^\s]+$/i.test(url))
    problems.push({ line, field: 'source_url', reason: `'${url}' is not an http(s) URL` });
  if (problems.length > 0 || occurred === undefined) return { problems };

  const content = {
    id,
    occurredAtUtc: toIso(occurred),
    lat,
    lon,
    locationPrecisionM: precision,
    targetRegionIso: target.iso,
    launchRegionIso: launch.iso,
    launchLat,
    launchLon,
    modelClaimedRaw: claimedRaw,
    outcome: outcomeRaw as Outcome,
    debrisRecovered: debris,
    identifiedType: identified,
    killed,
    injured,
    sourceUrl: url,
    notes: row.notes ?? '',
  };
  return {
    problems,
    draft: {
      ...content,
      sourceLine: line,
      occurredAtRaw: occurredRaw,
      targetRegionRaw: target.raw,
      launchRegionRaw: launch.raw,
      modelClaimedId: claimed?.id ?? null,
      contentSha256: hash(JSON.stringify(content)),
    },
  };
}

/**
 * Salvo's incidents CSV as a RowMapper. Ids are the investigators' own: the same id with the same content is a
 * no-op on re-import; the same id with different content is a CONFLICT naming both places.
 */
export function incidentsMapper(hash: (text: string) => string): RowMapper<TextRecord, IncidentDraft> {
  let header: string[] = [];
  const ids = new Map<string, number>();
  return {
    kind: 'incidents',
    importer: INCIDENTS_IMPORTER,
    lineOf: (r) => r.line,
    start(first) {
      header = first.fields.map((h) => h.trim());
      const problems: Problem[] = [];
      for (const c of REQUIRED)
        if (!header.includes(c)) problems.push({ line: 1, field: c, reason: 'required column is missing' });
      for (const h of header)
        if (!(INCIDENT_COLUMNS as readonly string[]).includes(h))
          problems.push({
            line: 1,
            field: h,
            reason: `unknown column (the columns are: ${INCIDENT_COLUMNS.join(', ')})`,
          });
      return { problems, consumesFirst: true };
    },
    map(record) {
      if (record.fields.length !== header.length)
        return {
          drafts: [],
          problems: [
            {
              line: record.line,
              reason: `has ${record.fields.length} fields; the header has ${header.length}`,
            },
          ],
        };
      const row: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) row[header[i]!] = record.fields[i]!;
      const r = mapIncidentRow(row, record.line, hash);
      if (r.draft) {
        const prev = ids.get(r.draft.id);
        if (prev !== undefined)
          return {
            drafts: [],
            problems: [{ line: record.line, field: 'id', reason: `'${r.draft.id}' is also on line ${prev}` }],
          };
        ids.set(r.draft.id, record.line);
      }
      return { drafts: r.draft ? [r.draft] : [], problems: r.problems };
    },
    async write(session, sourceId, drafts) {
      const stored = new Map(
        (await session.incidentFingerprints(drafts.map((d) => d.id))).map((f) => [f.id, f]),
      );
      const conflicts: Problem[] = [];
      const fresh: IncidentDraft[] = [];
      for (const d of drafts) {
        const s = stored.get(d.id);
        if (!s) fresh.push(d);
        else if (s.contentSha256 !== d.contentSha256)
          conflicts.push({
            line: d.sourceLine,
            field: 'id',
            reason: `incident '${d.id}' is already stored (source ${s.sourceId}, line ${s.sourceLine}) with different content`,
          });
      }
      if (conflicts.length > 0)
        throw new SalvoFailure(
          salvoError(
            'CONFLICT',
            `${conflicts.length} incident(s) conflict with stored ones; nothing was imported`,
            conflicts,
          ),
        );
      const c = await session.writeIncidents(sourceId, fresh);
      return { inserted: c.inserted, duplicates: drafts.length - c.inserted };
    },
  };
}
