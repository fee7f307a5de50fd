import { SalvoFailure, salvoError, type Problem } from '../../kernel/index.js';
import { invalid, unknownItem } from '../../evidence/errors.js';
import { jsonObject } from '../../evidence/model/canonical.js';
import type { JsonValue } from '../../evidence/model/custody-event.js';
import { appendEvent } from '../../evidence/services/append-event.js';
import { actorName } from '../../evidence/services/inputs.js';
import { signingIdentity } from '../../evidence/services/signing.js';
import type { Component, ComponentDraft } from '../model/component.js';
import { parseDateCode } from '../model/date-code.js';
import { normaliseManufacturer } from '../model/manufacturers.js';
import type { TracingDeps } from './deps.js';

/** A component as recorded in its custody event (all of it: the event is the signed record). */
const asJson = (c: Component): JsonValue =>
  jsonObject({
    id: c.id,
    marking: c.marking,
    manufacturerRaw: c.manufacturerRaw,
    manufacturer: c.manufacturer,
    country: c.country,
    partNumber: c.partNumber,
    lot: c.lot,
    dateCode: c.dateCodeRaw,
    produced: c.dateCode
      ? jsonObject({
          from: c.dateCode.from,
          to: c.dateCode.to,
          format: c.dateCode.format,
          confidence: c.dateCode.confidence,
        })
      : undefined,
    notes: c.notes,
  });

/** Problems with one draft (field named), empty when it is fine. */
export function draftProblems(d: ComponentDraft): Problem[] {
  const out: Problem[] = [];
  if (!d.marking.trim()) out.push({ field: 'marking', reason: 'the marking as read is required' });
  if (d.calendar !== undefined && !['auto', 'gregorian', 'juche'].includes(d.calendar))
    out.push({ field: 'calendar', reason: `'${String(d.calendar)}' is not auto, gregorian or juche` });
  for (const [f, v] of Object.entries(d))
    if (typeof v === 'string' && v.length > 2000)
      out.push({ field: f, reason: 'longer than 2000 characters' });
  return out;
}

export interface ComponentGroup {
  readonly item: string;
  readonly components: readonly ComponentDraft[];
}

/**
 * Records components recovered from physical items: the rows and, per item, one signed `examined` event
 * listing them, all in ONE transaction. Manufacturers are normalised (with their headquarters country) and
 * date codes read, the raw text kept beside each.
 */
export async function recordComponents(
  deps: TracingDeps,
  input: {
    actor: string;
    groups: readonly ComponentGroup[];
    source?: { file: string; sha256: string };
    at?: string;
  },
): Promise<Component[]> {
  const actor = actorName('--actor', input.actor);
  if (input.groups.every((g) => g.components.length === 0)) throw invalid('components', 'nothing to add');
  const problems = input.groups.flatMap((g) => g.components.flatMap(draftProblems));
  if (problems.length) throw new SalvoFailure(salvoError('INVALID_INPUT', 'invalid component', problems));
  const who = await signingIdentity(deps.tracing.evidence, deps.keys, actor);
  for (const g of input.groups) {
    const item = await deps.tracing.evidence.getItem(g.item);
    if (!item) throw unknownItem(g.item, '--item');
    if (item.kind !== 'physical')
      throw invalid('--item', `${item.id} is a ${item.media}: components come from a physical item`);
  }
  const referenceYear = Number((input.at ?? deps.clock.nowIso()).slice(0, 4));

  return deps.tracing.transaction(async (tx) => {
    const all: Component[] = [];
    for (const g of input.groups) {
      const head = await tx.logHead();
      const now = deps.clock.nowIso();
      const out: Component[] = [];
      for (const d of g.components) {
        const m = d.manufacturer ? normaliseManufacturer(d.manufacturer) : undefined;
        const reading = d.dateCode
          ? parseDateCode(d.dateCode, { calendar: d.calendar, referenceYear })
          : undefined;
        out.push({
          id: await nextId(tx, all.length + out.length),
          item: g.item,
          marking: d.marking,
          ...(d.manufacturer ? { manufacturerRaw: d.manufacturer } : {}),
          ...(m ? { manufacturer: m.name, country: m.country } : {}),
          ...(d.partNumber ? { partNumber: d.partNumber } : {}),
          ...(d.lot ? { lot: d.lot } : {}),
          ...(d.dateCode ? { dateCodeRaw: d.dateCode } : {}),
          ...(reading ? { dateCode: reading } : {}),
          ...(d.notes ? { notes: d.notes } : {}),
          event: head.size,
          createdAt: now,
        });
      }
      const ev = await appendEvent(tx, deps, who, {
        item: g.item,
        event: 'examined',
        at: input.at,
        details: jsonObject({
          note: `${out.length} component${out.length === 1 ? '' : 's'} recorded`,
          components: out.map(asJson),
          source: input.source
            ? jsonObject({ file: input.source.file, sha256: input.source.sha256 })
            : undefined,
        }),
      });
      for (const c of out) await tx.insertComponent({ ...c, event: ev.record.index });
      all.push(...out.map((c) => ({ ...c, event: ev.record.index })));
    }
    return all;
  });
}

/** Records components of one physical item (see recordComponents). */
export const addComponents = (
  deps: TracingDeps,
  input: { item: string; actor: string; components: readonly ComponentDraft[]; at?: string },
): Promise<Component[]> =>
  recordComponents(deps, {
    actor: input.actor,
    groups: [{ item: input.item, components: input.components }],
    at: input.at,
  });

/** Component ids CMP-000001...; `offset` counts the ones made earlier in the same transaction. */
async function nextId(tx: { nextComponentId(): Promise<string> }, offset: number): Promise<string> {
  const first = await tx.nextComponentId();
  const n = Number(first.slice(4)) + offset;
  return `CMP-${String(n).padStart(6, '0')}`;
}
