import { canonicalJson } from '../model/canonical.js';
import type { CustodyRecord } from '../model/custody-event.js';
import { custodyAfter, descriptionJson, sameCustody } from '../model/description.js';
import type { EvidenceItem } from '../model/item.js';
import { problem, type IntegrityProblem } from '../model/problem.js';
import type { VerificationRecord } from '../model/verification.js';
import type { BlobStore } from '../ports.js';

/** What the log says about one item: its events' records in order and its last event's hash. */
export interface ItemLog {
  readonly records: CustodyRecord[];
  last: string;
  count: number;
}

/**
 * Checks one stored item against its log: it has events, its first event is `collected` or `derived` and
 * carries the signed description the row must equal, its head and count match, its custody is what the
 * transfers and seals say, its verification records match their sign-off events, and its blob (if digital)
 * still hashes to the signed SHA-256.
 */
export async function checkItem(
  item: EvidenceItem,
  log: ItemLog | undefined,
  ctx: { blobs: BlobStore; verifications: readonly VerificationRecord[] },
): Promise<IntegrityProblem[]> {
  const out: IntegrityProblem[] = [];
  const p = (event: number | null, what: string): void => void out.push(problem(item.id, event, what));
  if (!log || log.count === 0) {
    p(null, 'item has no custody events (a half-written item)');
  } else {
    const first = log.records[0];
    if (first) {
      const signed = first.details['item'];
      if (first.event !== 'collected' && first.event !== 'derived')
        p(first.index, `first event is '${first.event}', not collected or derived`);
      if (signed === undefined || signed === null || typeof signed !== 'object')
        p(first.index, 'first event carries no item description');
      else {
        const stored = descriptionJson(item);
        const s = signed as Record<string, unknown>;
        for (const k of new Set([...Object.keys(stored), ...Object.keys(s)])) {
          const a = stored[k] === undefined ? undefined : canonicalJson(stored[k]);
          const b = s[k] === undefined ? undefined : canonicalJson(s[k]);
          if (a !== b)
            p(
              first.index,
              `stored ${k} ${a ?? '(absent)'} differs from the signed description's ${b ?? '(absent)'}`,
            );
        }
      }
    }
    if (item.headHash !== log.last)
      p(null, `stored head ${item.headHash} is not the item's last event ${log.last}`);
    if (item.eventCount !== log.count)
      p(null, `stored event count ${item.eventCount}, the log has ${log.count}`);
    const custody = custodyAfter(log.records);
    if (custody && !sameCustody(custody, item.custody))
      p(
        null,
        `stored custody ${canonicalJson(item.custody)} differs from the log's ${canonicalJson(custody)}`,
      );
    const reviews = new Map(log.records.filter((r) => r.event === 'reviewed').map((r) => [r.index, r]));
    for (const v of ctx.verifications) {
      const r = reviews.get(v.event);
      if (!r) p(v.event, `verification record (${v.strand}) has no sign-off event at ${v.event}`);
      else if (
        r.details['strand'] !== v.strand ||
        r.details['conclusion'] !== v.conclusion ||
        r.details['notes'] !== v.notes ||
        r.actor !== v.reviewer
      )
        p(v.event, `verification record (${v.strand}) differs from its signed sign-off event`);
    }
  }
  if (item.kind === 'digital') {
    if (!item.sha256) p(null, 'digital item without a SHA-256');
    else {
      const now = await ctx.blobs.rehash(item.sha256);
      if (!now) p(null, `blob ${item.sha256} is missing from ${ctx.blobs.location}`);
      else {
        if (now.sha256 !== item.sha256)
          p(null, `blob content differs: expected sha256 ${item.sha256}, found ${now.sha256}`);
        if (now.sizeBytes !== item.sizeBytes)
          p(null, `blob size differs: expected ${item.sizeBytes} bytes, found ${now.sizeBytes}`);
      }
    }
  }
  return out;
}
