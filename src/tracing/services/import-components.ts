import { SalvoFailure, salvoError, type Problem } from '../../kernel/index.js';
import type { Calendar } from '../model/date-code.js';
import type { Component, ComponentDraft } from '../model/component.js';
import type { TextRecord } from '../ports.js';
import { draftProblems, recordComponents } from './add-components.js';
import type { TracingDeps } from './deps.js';

/** Columns of a component list (docs/evidence.md); `marking` is required, `item` unless --item is given. */
export const COMPONENT_COLUMNS = [
  'item',
  'marking',
  'manufacturer',
  'part_number',
  'lot',
  'date_code',
  'calendar',
  'notes',
] as const;

/**
 * Imports a component list (CSV with a header) in ONE transaction: every problem is listed as
 * FILE:LINE: column: reason and nothing is stored unless every row is valid.
 */
export async function importComponents(
  deps: TracingDeps,
  input: {
    file: string;
    sha256: string;
    records: AsyncIterable<readonly TextRecord[]>;
    item?: string;
    actor: string;
  },
): Promise<Component[]> {
  const problems: Problem[] = [];
  const byItem = new Map<string, ComponentDraft[]>();
  let header: string[] | undefined;
  for await (const batch of input.records)
    for (const rec of batch) {
      if (!header) {
        header = rec.fields.map((f) => f.trim().toLowerCase());
        for (const h of header)
          if (!(COMPONENT_COLUMNS as readonly string[]).includes(h))
            problems.push({
              file: input.file,
              line: rec.line,
              field: h,
              reason: `unknown column (expected: ${COMPONENT_COLUMNS.join(', ')})`,
            });
        if (!header.includes('marking'))
          problems.push({
            file: input.file,
            line: rec.line,
            field: 'marking',
            reason: 'required column missing',
          });
        if (!header.includes('item') && !input.item)
          problems.push({
            file: input.file,
            line: rec.line,
            field: 'item',
            reason: 'no item column: give --item ID',
          });
        continue;
      }
      if (rec.fields.length !== header.length) {
        problems.push({
          file: input.file,
          line: rec.line,
          reason: `${rec.fields.length} fields, the header has ${header.length}`,
        });
        continue;
      }
      const v = (c: string): string | undefined => {
        const i = header!.indexOf(c);
        const s = i < 0 ? undefined : rec.fields[i]!.trim();
        return s ? s : undefined;
      };
      const item = v('item') ?? input.item;
      if (!item) {
        problems.push({ file: input.file, line: rec.line, field: 'item', reason: 'empty (and no --item)' });
        continue;
      }
      const draft: ComponentDraft = {
        marking: v('marking') ?? '',
        manufacturer: v('manufacturer'),
        partNumber: v('part_number'),
        lot: v('lot'),
        dateCode: v('date_code'),
        calendar: v('calendar') as Calendar | undefined,
        notes: v('notes'),
      };
      for (const p of draftProblems(draft)) problems.push({ ...p, file: input.file, line: rec.line });
      byItem.set(item, [...(byItem.get(item) ?? []), draft]);
    }
  if (!header) problems.push({ file: input.file, reason: 'empty file: a header and rows are needed' });
  else if (byItem.size === 0 && problems.length === 0) problems.push({ file: input.file, reason: 'no rows' });
  for (const item of byItem.keys())
    if (!(await deps.tracing.evidence.getItem(item)))
      problems.push({ file: input.file, field: 'item', reason: `no evidence item '${item}'` });
  if (problems.length)
    throw new SalvoFailure(
      salvoError(
        'INVALID_INPUT',
        `${input.file}: ${problems.length} problem(s); nothing was imported`,
        problems,
      ),
    );
  return recordComponents(deps, {
    actor: input.actor,
    groups: [...byItem].map(([item, components]) => ({ item, components })),
    source: { file: input.file, sha256: input.sha256 },
  });
}
