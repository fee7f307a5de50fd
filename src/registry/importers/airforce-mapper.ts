import type { Problem } from '../../kernel/index.js';
import type { AttackReportDraft } from '../model/attack-report.js';
import { MISSILE_MODELS } from '../model/missile-models.js';
import type { ModelRegistration } from '../ports.js';
import type { RowMapper } from '../services/run-import.js';
import { AIRFORCE_IMPORTER, checkAirforceHeader, mapAirforceRow } from './airforce.js';

export interface TextRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

const known = new Set(MISSILE_MODELS.map((m) => m.id));

/**
 * The Air Force CSV as a RowMapper. A stored report's id is derived from the published row's content
 * (`hash` of its fields, never its line: the dataset grows at the top), so the same row in a newer copy of the
 * dataset is recognised and not stored twice. Identical rows within one file are told apart by the writer
 * (`ImportSession.writeReports`), which keeps no per-row state here: memory stays flat on any file size.
 */
export function airforceMapper(hash: (text: string) => string): RowMapper<TextRecord, AttackReportDraft> {
  let header: readonly string[] = [];
  return {
    kind: 'airforce',
    importer: AIRFORCE_IMPORTER,
    lineOf: (r) => r.line,
    start(first) {
      header = first.fields.map((h) => h.trim());
      return { problems: checkAirforceHeader(header), consumesFirst: true };
    },
    map(record) {
      if (record.fields.length !== header.length) {
        const problems: Problem[] = [
          {
            line: record.line,
            reason: `has ${record.fields.length} fields; the header has ${header.length}`,
          },
        ];
        return { drafts: [], problems };
      }
      const row: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) row[header[i]!] = record.fields[i]!;
      const key = hash(record.fields.join('\u001f')).slice(0, 24);
      const r = mapAirforceRow(row, record.line, key);
      const models: ModelRegistration[] = r.unrecognised
        .filter((u) => !known.has(u.id))
        .map((u) => ({ id: u.id, name: u.label, category: 'unspecified', recognised: false }));
      const warnings = r.unrecognised.map(
        (u) => `model label '${u.label}' is not in Salvo's table; stored as unrecognised`,
      );
      return { drafts: r.reports, problems: r.problems, models, warnings };
    },
    write: (session, sourceId, drafts) => session.writeReports(sourceId, drafts),
  };
}
