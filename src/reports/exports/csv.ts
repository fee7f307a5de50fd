import type { ExportRecord } from './model.js';
import { typeOf } from './model.js';

export const CSV_COLUMNS = [
  'id',
  'occurred_at_utc',
  'occurred_at_raw',
  'lat',
  'lon',
  'precision_m',
  'outcome',
  'type',
  'model_reported',
  'target_region',
  'launch_region',
  'killed',
  'injured',
  'debris_recovered',
  'reconstruction_run',
  'launch_lat',
  'launch_lon',
  'launch_time_utc',
  'launch_ellipse95_semi_major_m',
  'launch_ellipse95_semi_minor_m',
  'launch_ellipse95_orientation_deg',
  'impact_lat',
  'impact_lon',
  'impact_time_utc',
  'impact_ellipse95_semi_major_m',
  'impact_ellipse95_semi_minor_m',
  'impact_ellipse95_orientation_deg',
  'breakup_detected',
  'apogee_m',
  'ground_range_m',
  'source_url',
] as const;

/** RFC 4180 quoting; a text cell that a spreadsheet would run as a formula gets a leading apostrophe. */
function cell(v: string | number | boolean | null | undefined, text = false): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per incident (RFC 4180, UTF-8, CRLF), with its latest reconstruction's launch and impact. */
export function exportCsv(records: readonly ExportRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { incident: i, reconstruction: r } of records) {
    lines.push(
      [
        cell(i.id, true),
        cell(i.occurredAt),
        cell(i.occurredAtRaw, true),
        cell(i.location?.lat),
        cell(i.location?.lon),
        cell(i.location?.precisionM),
        cell(i.outcome, true),
        cell(typeOf(i), true),
        cell(i.modelClaimedRaw, true),
        cell(i.targetRegion.iso, true),
        cell(i.launchRegion.iso, true),
        cell(i.killed),
        cell(i.injured),
        cell(i.debrisRecovered),
        cell(r?.runId, true),
        cell(r?.launch.lat),
        cell(r?.launch.lon),
        cell(r?.launch.time),
        cell(r?.launch.ellipse95.semiMajorM),
        cell(r?.launch.ellipse95.semiMinorM),
        cell(r?.launch.ellipse95.orientationDeg),
        cell(r?.impact?.lat),
        cell(r?.impact?.lon),
        cell(r?.impact?.time),
        cell(r?.impact?.ellipse95.semiMajorM),
        cell(r?.impact?.ellipse95.semiMinorM),
        cell(r?.impact?.ellipse95.orientationDeg),
        cell(r ? r.breakup.detected : null),
        cell(r?.profile.apogeeM),
        cell(r?.profile.groundRangeM),
        cell(i.sourceUrl || null, true),
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
