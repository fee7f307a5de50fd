import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/evidence/model/canonical.js';
import { GENESIS, type JsonValue } from '../../src/evidence/model/custody-event.js';
import type { EventRow } from '../../src/evidence/ports.js';
import { verifyStore } from '../../src/evidence/services/verify-store.js';
import { nodeHasher, nodeSignatureVerifier } from '../../src/infra/evidence/node-crypto.js';
import { openLocker, type Locker } from './helpers.js';
import { memoryBlobs, memoryRepo, memoVerifier, snapshotOf, type Snapshot } from './memory-ports.js';
import { buildScenario } from './scenario.js';

/**
 * issue-4: any single-byte change of any blob, any changed field of any event, any deleted, inserted or
 * reordered event and any forged signature is detected by verify. The locker is built once with the real
 * services (SQLite, files); each case tampers with an in-memory copy and runs the same verifyStore.
 */
const RUNS = 10_000;
const verifier = memoVerifier(nodeSignatureVerifier());
let locker: Locker;
let base: Snapshot;
const stranger = generateKeyPairSync('ed25519').privateKey;

async function intact(s: Snapshot): Promise<boolean> {
  const r = await verifyStore({
    repo: memoryRepo(s),
    blobs: memoryBlobs(s.blobs),
    hasher: nodeHasher,
    verifier,
  });
  return r.ok;
}

beforeAll(async () => {
  locker = await openLocker();
  await buildScenario(locker);
  base = await snapshotOf(locker.deps);
}, 60_000);
afterAll(async () => locker.close());

const withEvents = (s: Snapshot, events: EventRow[]): Snapshot => ({ ...s, events });

/** Every leaf of a JSON value, as a path. */
function leaves(v: JsonValue, path: (string | number)[] = []): (string | number)[][] {
  if (v !== null && typeof v === 'object')
    return Array.isArray(v)
      ? v.flatMap((x, i) => leaves(x, [...path, i]))
      : Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  return [path];
}
function changed(v: JsonValue): JsonValue {
  if (typeof v === 'string') return v + 'x';
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'boolean') return !v;
  return 0;
}
function setPath(o: JsonValue, path: (string | number)[], f: (v: JsonValue) => JsonValue): JsonValue {
  if (path.length === 0) return f(o);
  const [h, ...t] = path;
  if (Array.isArray(o)) return o.map((x, i) => (i === h ? setPath(x, t, f) : x));
  const obj = o as Record<string, JsonValue>;
  return { ...obj, [h!]: setPath(obj[h!]!, t, f) };
}

/** What an attacker with write access to the database but no private key can do: recompute every hash and link. */
function rechain(s: Snapshot, events: EventRow[]): Snapshot {
  let prev = GENESIS;
  const itemLast = new Map<string, string>();
  const out: EventRow[] = [];
  for (const row of events) {
    let text = row.text;
    try {
      const r = JSON.parse(text) as Record<string, JsonValue>;
      r['prev'] = prev;
      r['itemPrev'] = itemLast.get(String(r['item'])) ?? null;
      text = canonicalJson(r);
    } catch {
      // unparsable record: leave the text
    }
    const hash = nodeHasher.sha256Hex(text);
    out.push({ ...row, text, hash, prev, itemPrev: itemLast.get(row.item) ?? null });
    itemLast.set(row.item, hash);
    prev = hash;
  }
  const items = s.items.map((i) => ({ ...i, headHash: itemLast.get(i.id) ?? i.headHash }));
  return { ...s, items, events: out };
}

describe('issue-4: tamper detection (property, fast-check)', () => {
  it('the untouched locker verifies', async () => {
    expect(base.events.length).toBeGreaterThanOrEqual(10);
    expect(await intact(base)).toBe(true);
  });

  it('any single-byte change of any blob is detected', async () => {
    const blobs = [...base.blobs.keys()];
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), async (bi, pos, xor) => {
        const h = blobs[bi % blobs.length]!;
        const bytes = Uint8Array.from(base.blobs.get(h)!);
        bytes[pos % bytes.length]! ^= xor;
        const b = new Map(base.blobs);
        b.set(h, bytes);
        return !(await intact({ ...base, blobs: b }));
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('any changed field of any event is detected (stored as is, re-hashed, or with the whole chain recomputed)', async () => {
    const columns = [
      'index',
      'item',
      'event',
      'actor',
      'at',
      'key',
      'prev',
      'itemPrev',
      'hash',
      'signature',
      'text',
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.oneof(
          fc.record({ kind: fc.constant('column' as const), column: fc.constantFrom(...columns) }),
          fc.record({
            kind: fc.constant('record' as const),
            leaf: fc.nat(),
            mode: fc.constantFrom('keep', 'rehash', 'rechain'),
          }),
        ),
        async (ei, m) => {
          const events = [...base.events];
          const i = ei % events.length;
          const row = events[i]!;
          if (m.kind === 'column') {
            const v = row[m.column];
            events[i] = { ...row, [m.column]: typeof v === 'number' ? v + 1 : v === null ? 'x' : v + 'x' };
            return !(await intact(withEvents(base, events)));
          }
          const rec = JSON.parse(row.text) as JsonValue;
          const paths = leaves(rec);
          const text = canonicalJson(setPath(rec, paths[m.leaf % paths.length]!, changed));
          events[i] = { ...row, text, ...(m.mode === 'keep' ? {} : { hash: nodeHasher.sha256Hex(text) }) };
          const s = m.mode === 'rechain' ? rechain(base, events) : withEvents(base, events);
          // Re-chaining restores prev and itemPrev: a change to those alone is undone, not a tampering.
          fc.pre(s.events.some((r, k) => r.text !== base.events[k]!.text));
          return !(await intact(s));
        },
      ),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('any deleted, inserted or reordered event is detected (with or without renumbering and re-chaining)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('delete', 'insert', 'reorder'),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('as-is', 'renumber', 'rechain'),
        async (op, a, b, fix) => {
          const n = base.events.length;
          let events = [...base.events];
          if (op === 'delete') events.splice(a % n, 1);
          else if (op === 'insert') events.splice(a % (n + 1), 0, base.events[b % n]!);
          else {
            // Reordering the log is swapping two events' positions (their index column).
            const i = a % n;
            let j = b % n;
            if (j === i) j = (i + 1) % n;
            [events[i], events[j]] = [events[j]!, events[i]!];
            events = events.map((r, k) => ({ ...r, index: k }));
          }
          if (fix !== 'as-is') events = events.map((r, k) => ({ ...r, index: k }));
          const s = fix === 'rechain' ? rechain(base, events) : withEvents(base, events);
          return !(await intact(s));
        },
      ),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('any forged signature is detected (random, one bit flipped, another actor, an unregistered key)', async () => {
    const bobKey = base.keys.find((k) => k.actor === 'bob')!;
    const aliceKey = base.keys.find((k) => k.actor === 'alice')!;
    const forged = new Map<string, string>();
    const forge = async (text: string, signer: string, how: string): Promise<string> => {
      const k = `${how}\u0000${text}`;
      let s = forged.get(k);
      if (!s) {
        if (how === 'stranger') s = sign(null, Buffer.from(text), stranger).toString('base64');
        else s = await locker.deps.keys.sign(signer === aliceKey.id ? bobKey.id : aliceKey.id, text);
        forged.set(k, s);
      }
      return s;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom('random', 'flip', 'other-actor', 'stranger'),
        fc.nat(),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.boolean(),
        async (target, how, bit, random, onCheckpoint) => {
          const cps = [...base.checkpoints];
          const events = [...base.events];
          const isCp = onCheckpoint && cps.length > 0;
          const i = target % (isCp ? cps.length : events.length);
          const orig = isCp ? cps[i]! : events[i]!;
          const keyId = isCp ? cps[i]!.record.key : events[i]!.key;
          let sig: string;
          if (how === 'random') sig = Buffer.from(random).toString('base64');
          else if (how === 'flip') {
            const b = Buffer.from(orig.signature, 'base64');
            b[Math.floor((bit % 512) / 8)]! ^= 1 << (bit % 8);
            sig = b.toString('base64');
          } else sig = await forge(orig.text, keyId, how === 'stranger' ? 'stranger' : 'other');
          if (sig === orig.signature) return true;
          if (isCp) cps[i] = { ...cps[i]!, signature: sig };
          else events[i] = { ...events[i]!, signature: sig };
          return !(await intact({ ...base, events, checkpoints: cps }));
        },
      ),
      { numRuns: RUNS },
    );
  }, 180_000);
});
