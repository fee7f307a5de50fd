import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { GENESIS, type EventType, type StoredEvent } from '../../evidence/model/custody-event.js';
import type { PublicKeyEntry } from '../../evidence/model/key.js';
import type { SignedCheckpoint, CheckpointRecord } from '../../evidence/model/checkpoint.js';
import type { Conclusion, Strand, VerificationRecord } from '../../evidence/model/verification.js';
import type { EventRow, EvidenceRepository, EvidenceTx, ItemFilter } from '../../evidence/ports.js';
import type { Database } from '../db/schema.js';
import type { EvidenceEventsTable, EvidenceKeysTable } from '../db/schema-evidence.js';
import type { ReadScope } from '../auth/roles.js';
import { visibleTo } from '../auth/visibility.js';
import { itemFromRow, rowFromItem } from './item-rows.js';

type Db = Kysely<Database> | Transaction<Database>;

export const eventRowOf = (r: EvidenceEventsTable): EventRow => ({
  index: Number(r.idx),
  item: r.item_id,
  event: r.event,
  actor: r.actor,
  at: r.at,
  key: r.key_id,
  prev: r.prev_hash,
  itemPrev: r.item_prev_hash,
  hash: r.hash,
  signature: r.signature,
  text: r.record,
});

const keyOf = (r: EvidenceKeysTable): PublicKeyEntry => ({
  id: r.id,
  actor: r.actor,
  algorithm: 'ed25519',
  publicKey: r.public_key,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
});

/** Item ids: EV-000001, EV-000002... (six digits, then as many as needed). */
export const itemIdOf = (n: number): string => `EV-${String(n).padStart(6, '0')}`;

/**
 * With a read scope (the team server, issue 6), every query that reads items applies the sensitivity rule in
 * its own SQL (`visibleTo`): an item the scope may not see does not exist for it. Without one (the local CLI,
 * whose user owns the store), every item is visible.
 */
async function getItem(db: Db, id: string, scope?: ReadScope) {
  let q = db.selectFrom('evidence_items').selectAll().where('id', '=', id);
  if (scope) q = q.where(visibleTo(scope));
  const r = await q.executeTakeFirst();
  return r ? itemFromRow(r) : undefined;
}

async function incidentExists(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  );
}

/** The evidence writes of one transaction (the tracing repository extends them). */
export function evidenceTxOf(trx: Transaction<Database>, scope?: ReadScope): EvidenceTx {
  return {
    incidentExists: (id) => incidentExists(trx, id),
    async nextItemId() {
      const r = await trx
        .selectFrom('evidence_items')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return itemIdOf(Number(r.n) + 1);
    },
    async logHead() {
      const r = await trx
        .selectFrom('evidence_events')
        .select(['idx', 'hash'])
        .orderBy('idx', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? { size: Number(r.idx) + 1, lastHash: r.hash } : { size: 0, lastHash: GENESIS };
    },
    getItem: (id) => getItem(trx, id, scope),
    async insertItem(item) {
      await trx.insertInto('evidence_items').values(rowFromItem(item)).execute();
    },
    async appendEvent(e: StoredEvent) {
      const r = e.record;
      await trx
        .insertInto('evidence_events')
        .values({
          idx: r.index,
          item_id: r.item,
          event: r.event,
          actor: r.actor,
          at: r.at,
          key_id: r.key,
          prev_hash: r.prev,
          item_prev_hash: r.itemPrev,
          hash: e.hash,
          signature: e.signature,
          record: e.text,
        })
        .execute();
      const res = await trx
        .updateTable('evidence_items')
        .set((eb) => ({ head_hash: e.hash, event_count: eb('event_count', '+', 1) }))
        .where('id', '=', r.item)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new Error(`event for item ${r.item}, which is not stored`);
    },
    async setCustody(itemId, c) {
      await trx
        .updateTable('evidence_items')
        .set({
          custodian: c.custodian,
          storage_location: c.location ?? null,
          current_seal: c.sealNumber ?? null,
          current_bag: c.bagNumber ?? null,
        })
        .where('id', '=', itemId)
        .execute();
    },
    async insertVerification(v) {
      await trx
        .insertInto('evidence_verifications')
        .values({
          event_idx: v.event,
          item_id: v.item,
          strand: v.strand,
          conclusion: v.conclusion,
          notes: v.notes,
          reviewer: v.reviewer,
          at: v.at,
        })
        .execute();
    },
    async insertKey(k) {
      await trx
        .insertInto('evidence_keys')
        .values({
          id: k.id,
          actor: k.actor,
          algorithm: k.algorithm,
          public_key: k.publicKey,
          valid_from: k.validFrom,
          valid_until: k.validUntil,
        })
        .execute();
    },
    async retireKeys(actor, at) {
      await trx
        .updateTable('evidence_keys')
        .set({ valid_until: at })
        .where('actor', '=', actor)
        .where('valid_until', 'is', null)
        .execute();
    },
    async insertCheckpoint(c) {
      const r = await trx
        .selectFrom('evidence_checkpoints')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('evidence_checkpoints')
        .values({
          ordinal: Number(r.n) + 1,
          size: c.record.size,
          root: c.record.root,
          at: c.record.at,
          actor: c.record.actor,
          key_id: c.record.key,
          record: c.text,
          signature: c.signature,
        })
        .execute();
    },
  };
}

/** A write that lost a race with another writer (same log position, same item id). */
function isConflict(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === '40001' ||
    (typeof code === 'string' &&
      (code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') ||
        code.startsWith('SQLITE_CONSTRAINT_UNIQUE') ||
        code.startsWith('SQLITE_BUSY')))
  );
}

/** The advisory lock key that serialises custody-log appends on PostgreSQL ('salvo-log' as an integer). */
const LOG_LOCK = 0x53_41_4c_56;

/**
 * Runs `fn` in a transaction, again (up to 5 times) when it lost a race with another writer appending to the
 * log; the services' transaction bodies read what they build on inside the transaction, so a rerun is safe.
 */
const MAX_ATTEMPTS = 20;

export async function retryingTransaction<T>(
  db: Kysely<Database>,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        // PostgreSQL: one appender at a time across every process (server, CLI), so writers queue for the log
        // head instead of racing for it and retrying (SQLite's write lock already does this).
        if (postgres) await sql`SELECT pg_advisory_xact_lock(${LOG_LOCK})`.execute(trx);
        return fn(trx);
      });
    } catch (e) {
      if (!isConflict(e) || e instanceof SalvoFailure) throw e;
      // SQLite: a deferred transaction that read before another writer committed cannot upgrade to a write
      // (SQLITE_BUSY_SNAPSHOT, no busy wait). Back off with jitter so concurrent appenders take turns; a loaded
      // machine needed more than a handful of immediate retries.
      if (attempt < MAX_ATTEMPTS)
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 5 * 2 ** attempt)));
      if (attempt >= MAX_ATTEMPTS)
        throw new SalvoFailure(
          salvoError(
            'CONFLICT',
            `another writer kept appending to the custody log at the same time (${(e as Error).message}); run the command again`,
          ),
        );
    }
  }
}

/** The evidence repository over Kysely (SQLite or PostgreSQL). */
export function kyselyEvidenceRepository(db: Kysely<Database>, scope?: ReadScope): EvidenceRepository {
  return {
    transaction: (fn) => retryingTransaction(db, (trx) => fn(evidenceTxOf(trx, scope))),
    getItem: (id) => getItem(db, id, scope),
    async listItems(f: ItemFilter) {
      let q = db.selectFrom('evidence_items').selectAll();
      if (scope) q = q.where(visibleTo(scope));
      if (f.incident) q = q.where('incident_id', '=', f.incident);
      if (f.kind) q = q.where('kind', '=', f.kind);
      if (f.media) q = q.where('media', '=', f.media);
      if (f.sensitivity) q = q.where('sensitivity', '=', f.sensitivity);
      return (await q.orderBy('id').execute()).map(itemFromRow);
    },
    incidentExists: (id) => incidentExists(db, id),
    async eventRows(from, limit) {
      const rows = await db
        .selectFrom('evidence_events')
        .selectAll()
        .where('idx', '>=', from)
        .orderBy('idx')
        .limit(limit)
        .execute();
      return rows.map(eventRowOf);
    },
    async eventRowsOfItem(itemId) {
      let q = db.selectFrom('evidence_events').selectAll().where('item_id', '=', itemId);
      if (scope)
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('evidence_items')
              .select('evidence_items.id')
              .whereRef('evidence_items.id', '=', 'evidence_events.item_id')
              .where(visibleTo(scope)),
          ),
        );
      const rows = await q.orderBy('idx').execute();
      return rows.map(eventRowOf);
    },
    async eventRowsOfType(type: EventType) {
      const rows = await db
        .selectFrom('evidence_events')
        .selectAll()
        .where('event', '=', type)
        .orderBy('idx')
        .execute();
      return rows.map(eventRowOf);
    },
    async logSize() {
      const r = await db
        .selectFrom('evidence_events')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async itemIds() {
      let q = db.selectFrom('evidence_items').select('id');
      if (scope) q = q.where(visibleTo(scope));
      return (await q.orderBy('id').execute()).map((r) => r.id);
    },
    async keys() {
      return (
        await db.selectFrom('evidence_keys').selectAll().orderBy('valid_from').orderBy('id').execute()
      ).map(keyOf);
    },
    async activeKeyOf(actor) {
      const r = await db
        .selectFrom('evidence_keys')
        .selectAll()
        .where('actor', '=', actor)
        .where('valid_until', 'is', null)
        .orderBy('valid_from', 'desc')
        .executeTakeFirst();
      return r ? keyOf(r) : undefined;
    },
    async checkpoints() {
      const rows = await db.selectFrom('evidence_checkpoints').selectAll().orderBy('ordinal').execute();
      return rows.map((r): SignedCheckpoint => ({
        record: {
          actor: r.actor,
          at: r.at,
          format: 'salvo-checkpoint/1',
          key: r.key_id,
          log: '',
          root: r.root,
          size: Number(r.size),
        } satisfies CheckpointRecord,
        text: r.record,
        signature: r.signature,
      }));
    },
    async verifications(itemId) {
      const rows = await db
        .selectFrom('evidence_verifications')
        .selectAll()
        .where('item_id', '=', itemId)
        .orderBy('event_idx')
        .execute();
      return rows.map((r): VerificationRecord => ({
        item: r.item_id,
        strand: r.strand as Strand,
        conclusion: r.conclusion as Conclusion,
        notes: r.notes,
        reviewer: r.reviewer,
        at: r.at,
        event: Number(r.event_idx),
      }));
    },
  };
}
