import { canonicalJson } from '../model/canonical.js';
import { GENESIS, type CustodyRecord } from '../model/custody-event.js';
import { keyValidAt, type PublicKeyEntry } from '../model/key.js';
import { problem, type IntegrityProblem } from '../model/problem.js';
import { parseRecordText } from '../model/record-schema.js';
import type { EventRow, Hasher, SignatureJob } from '../ports.js';

const PREV_KEY = ',"prev":"';

/** Does `text` end with `,"prev":"<prev>"}`? Without building the suffix string (the hot loop). */
export function endsWithPrev(text: string, prev: string): boolean {
  const n = text.length;
  return (
    prev.length === 64 &&
    text.charCodeAt(n - 1) === 125 && // }
    text.charCodeAt(n - 2) === 34 && // "
    text.startsWith(prev, n - 66) &&
    text.startsWith(PREV_KEY, n - 66 - PREV_KEY.length)
  );
}

/**
 * The hash chain alone, as fast as it goes: each row's text hashes to its stored hash and ends by naming the
 * previous row's hash. Returns the index (position in `rows`) of the first break, or -1. This is the loop the
 * benchmark times ("chain verification without signatures").
 */
export function firstChainBreak(rows: readonly EventRow[], hasher: Hasher, prev: string = GENESIS): number {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (hasher.sha256Hex(r.text) !== r.hash || !endsWithPrev(r.text, prev)) return i;
    prev = r.hash;
  }
  return -1;
}

export interface EventCheck {
  readonly record: CustodyRecord | undefined;
  readonly problems: IntegrityProblem[];
  /** The signature to verify (when the record names a known key). */
  readonly signature: SignatureJob | undefined;
}

/**
 * Everything about one stored event that can be checked on its own: its hash, its link to `prev`, the record's
 * shape and canonical form, the columns it is indexed under, and its key (known, the actor's, valid then).
 */
export function checkEventRow(
  row: EventRow,
  ctx: { hasher: Hasher; prev: string | undefined; keys: ReadonlyMap<string, PublicKeyEntry> },
): EventCheck {
  const problems: IntegrityProblem[] = [];
  const p = (what: string): void => void problems.push(problem(row.item, row.index, what));
  const computed = ctx.hasher.sha256Hex(row.text);
  if (computed !== row.hash) p(`event hash differs: stored ${row.hash}, the record hashes to ${computed}`);
  if (ctx.prev !== undefined && !endsWithPrev(row.text, ctx.prev))
    p(`event does not link to the previous event (expected prev ${ctx.prev})`);
  const parsed = parseRecordText(row.text);
  if (!parsed.ok) {
    p(parsed.reason);
    return { record: undefined, problems, signature: undefined };
  }
  const r = parsed.record;
  if (canonicalJson(r) !== row.text) p('record is not in RFC 8785 canonical form');
  const columns: [string, unknown, unknown][] = [
    ['index', row.index, r.index],
    ['item', row.item, r.item],
    ['event', row.event, r.event],
    ['actor', row.actor, r.actor],
    ['at', row.at, r.at],
    ['key', row.key, r.key],
    ['prev', row.prev, r.prev],
    ['itemPrev', row.itemPrev, r.itemPrev],
  ];
  for (const [name, stored, signed] of columns)
    if (stored !== signed)
      p(`stored ${name} '${String(stored)}' differs from the signed record's '${String(signed)}'`);
  const key = ctx.keys.get(r.key);
  let signature: SignatureJob | undefined;
  if (!key) p(`signed with key ${r.key}, which is not in the key registry`);
  else {
    if (key.actor !== r.actor) p(`signed with ${key.id}, which belongs to '${key.actor}', not '${r.actor}'`);
    if (!keyValidAt(key, r.loggedAt))
      p(
        `signed with ${key.id} at ${r.loggedAt}, outside its validity (${key.validFrom} .. ${key.validUntil ?? 'now'})`,
      );
    signature = { publicKey: key.publicKey, message: row.text, signature: row.signature };
  }
  return { record: r, problems, signature };
}
