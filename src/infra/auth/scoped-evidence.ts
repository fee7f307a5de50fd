import { sql, type Insertable, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { CustodyEvent, EvidenceItem, EvidenceQuery, Sensitivity } from '../../contract/index.js';
import type { Database } from '../db/schema.js';
import type { AccessLogTable } from '../db/schema-accounts.js';
import type { EvidenceEventsTable, EvidenceItemsTable } from '../db/schema-evidence.js';
import { groupCommit } from '../server/group-commit.js';
import { afterCursor, decodeCursor, pageOf, type Keyset } from '../server/pagination.js';
import type { Page } from '../registry/registry-queries.js';
import { componentOf } from '../evidence/kysely-tracing-repository.js';
import type { Component } from '../../tracing/model/component.js';
import { scopeOf, type Principal } from './roles.js';
import { randomId } from './secrets.js';
import { visibleTo } from './visibility.js';

/**
 * Evidence reads for the API. Sensitivity is enforced in the SQL of every query (`visibleTo`): an item the
 * caller may not see is never fetched, so it cannot leak through a list, a search, a count or a detail. Every
 * restricted or sealed item that a query returns is written to the access log before the answer leaves.
 */
export interface ScopedEvidence {
  list(p: Principal, q: EvidenceQuery): Promise<Page<EvidenceItem>>;
  get(p: Principal, id: string, action?: string): Promise<EvidenceItem | undefined>;
  custody(p: Principal, id: string): Promise<{ item: EvidenceItem; events: CustodyEvent[] } | undefined>;
  countVisible(p: Principal): Promise<number>;
  /** Items of an incident the caller may see (for incident pages, exports and feeds). */
  ofIncident(p: Principal, incident: string): Promise<EvidenceItem[]>;
  /** Components recovered from the incident's items that the caller may see (the rule is in the SQL). */
  componentsOfIncident(p: Principal, incident: string): Promise<Component[]>;
  /**
   * Identifiers (id, SHA-256, file name) of the items the caller may NOT see, among the incident's items and
   * the items whose SHA-256 is one of `hashes`: to scrub from answers built from other tables (an analysis
   * whose input is a withheld exhibit carries that exhibit's hash). Nothing of an item is returned to the caller,
   * so nothing is logged as a read.
   */
  hiddenIdentifiers(p: Principal, incident: string | null, hashes: readonly string[]): Promise<string[]>;
  /** Writes the access-log lines of items an answer built elsewhere (a dossier) shows the caller. */
  recordReads(
    p: Principal,
    items: readonly { id: string; sensitivity: string }[],
    action: string,
  ): Promise<void>;
}

export const evidenceItemOf = (r: Selectable<EvidenceItemsTable>): EvidenceItem => ({
  id: r.id,
  incident: r.incident_id,
  kind: r.kind as EvidenceItem['kind'],
  media: r.media,
  sensitivity: r.sensitivity as Sensitivity,
  title: r.title,
  description: r.description,
  sha256: r.sha256,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  fileName: r.file_name,
  mimeType: r.mime_type,
  url: r.url,
  capturedAt: r.captured_at,
  parent: r.parent_id,
  depicts: r.depicts_id,
  perceptualHash: r.perceptual_hash,
  custody: {
    custodian: r.custodian,
    location: r.storage_location,
    sealNumber: r.current_seal,
    bagNumber: r.current_bag,
  },
  createdAt: r.created_at,
  headHash: r.head_hash,
  eventCount: Number(r.event_count),
});

const eventOf = (r: EvidenceEventsTable): CustodyEvent => ({
  index: Number(r.idx),
  event: r.event,
  actor: r.actor,
  at: r.at,
  hash: r.hash,
  prevHash: r.prev_hash,
  itemPrevHash: r.item_prev_hash,
  keyId: r.key_id,
  signature: r.signature,
  record: r.record,
});

const KEYS: Record<EvidenceQuery['sort'], Keyset> = {
  id: { column: 'e.id', idColumn: 'e.id', descending: false },
  '-id': { column: 'e.id', idColumn: 'e.id', descending: true },
  created_at: { column: 'e.created_at', idColumn: 'e.id', descending: false },
  '-created_at': { column: 'e.created_at', idColumn: 'e.id', descending: true },
  title: { column: 'e.title', idColumn: 'e.id', descending: false },
  '-title': { column: 'e.title', idColumn: 'e.id', descending: true },
};

/** LIKE pattern for a literal substring (the caller's %, _ and \ match themselves). */
const likeLiteral = (s: string): string => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Reads through `db`; access-log rows are written through `writeDb` (the store's write connection). */
export function scopedEvidence(db: Kysely<Database>, writeDb: Kysely<Database> = db): ScopedEvidence {
  const writeLog = groupCommit<Insertable<AccessLogTable>>(async (rows) => {
    for (let i = 0; i < rows.length; i += 500)
      await writeDb
        .insertInto('access_log')
        .values(rows.slice(i, i + 500))
        .execute();
  });
  /** Logs the restricted and sealed rows of an answer; resolves once they are stored (before the answer leaves). */
  async function logReads(
    p: Principal,
    rows: readonly { id: string; sensitivity: string }[],
    action: string,
  ) {
    const logged = rows.filter((r) => r.sensitivity !== 'public');
    if (logged.length === 0) return;
    const at = new Date().toISOString();
    await writeLog(
      logged.map((r) => ({
        id: randomId('acc'),
        at,
        user_id: p.userId,
        user_name: p.name,
        item_id: r.id,
        sensitivity: r.sensitivity,
        action,
      })),
    );
  }

  const getRow = (p: Principal, id: string) =>
    db
      .selectFrom('evidence_items as e')
      .selectAll('e')
      .where('e.id', '=', id)
      .where(visibleTo(scopeOf(p), 'e'))
      .executeTakeFirst();

  return {
    async list(p, q) {
      const k = KEYS[q.sort];
      const cursor = decodeCursor(q.cursor);
      let s = db
        .selectFrom('evidence_items as e')
        .selectAll('e')
        .where(visibleTo(scopeOf(p), 'e'));
      if (q.incident) s = s.where('e.incident_id', '=', q.incident);
      if (q.kind) s = s.where('e.kind', '=', q.kind);
      if (q.media) s = s.where('e.media', '=', q.media);
      if (q.sensitivity) s = s.where('e.sensitivity', '=', q.sensitivity);
      if (q.q) {
        const pattern = likeLiteral(q.q);
        s = s.where(
          sql<boolean>`(lower(e.title) LIKE ${pattern} ESCAPE '\\' OR lower(coalesce(e.description, '')) LIKE ${pattern} ESCAPE '\\')`,
        );
      }
      if (cursor) s = s.where(afterCursor(k, cursor));
      const dir = k.descending ? 'desc' : 'asc';
      const rows = await s
        .orderBy(sql.ref(k.column), dir)
        .orderBy('e.id', dir)
        .limit(q.limit + 1)
        .execute();
      const page = pageOf(
        rows,
        q.limit,
        (r) => ({
          value: k.column === 'e.created_at' ? r.created_at : k.column === 'e.title' ? r.title : r.id,
          id: r.id,
        }),
        evidenceItemOf,
      );
      await logReads(p, page.items, 'list');
      return page;
    },
    async get(p, id, action = 'read') {
      const r = await getRow(p, id);
      if (!r) return undefined;
      await logReads(p, [r], action);
      return evidenceItemOf(r);
    },
    async custody(p, id) {
      const r = await getRow(p, id);
      if (!r) return undefined;
      const events = await db
        .selectFrom('evidence_events as v')
        .innerJoin('evidence_items as e', 'e.id', 'v.item_id')
        .selectAll('v')
        .where('v.item_id', '=', id)
        .where(visibleTo(scopeOf(p), 'e'))
        .orderBy('v.idx')
        .execute();
      await logReads(p, [r], 'custody');
      return { item: evidenceItemOf(r), events: events.map(eventOf) };
    },
    async countVisible(p) {
      const r = await db
        .selectFrom('evidence_items as e')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where(visibleTo(scopeOf(p), 'e'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async ofIncident(p, incident) {
      const rows = await db
        .selectFrom('evidence_items as e')
        .selectAll('e')
        .where('e.incident_id', '=', incident)
        .where(visibleTo(scopeOf(p), 'e'))
        .orderBy('e.id')
        .execute();
      await logReads(p, rows, 'list');
      return rows.map(evidenceItemOf);
    },
    recordReads: (p, items, action) => logReads(p, items, action),
    async hiddenIdentifiers(p, incident, hashes) {
      const wanted = hashes.filter((h) => /^[0-9a-f]{64}$/.test(h));
      if (incident === null && wanted.length === 0) return [];
      const rows = await db
        .selectFrom('evidence_items as e')
        .select(['e.id', 'e.sha256', 'e.file_name'])
        .where(sql<SqlBool>`NOT (${visibleTo(scopeOf(p), 'e')})`)
        .where((eb) =>
          eb.or([
            ...(incident !== null ? [eb('e.incident_id', '=', incident)] : []),
            ...(wanted.length ? [eb('e.sha256', 'in', wanted)] : []),
          ]),
        )
        .execute();
      return rows.flatMap((r) => [r.id, r.sha256 ?? '', r.file_name ?? '']).filter((x) => x !== '');
    },
    async componentsOfIncident(p, incident) {
      const rows = await db
        .selectFrom('trace_components as c')
        .innerJoin('evidence_items as e', 'e.id', 'c.item_id')
        .selectAll('c')
        .select('e.sensitivity as item_sensitivity')
        .where('e.incident_id', '=', incident)
        .where(visibleTo(scopeOf(p), 'e'))
        .orderBy('c.id')
        .execute();
      const items = new Map(rows.map((r) => [r.item_id, r.item_sensitivity]));
      await logReads(
        p,
        [...items].map(([id, sensitivity]) => ({ id, sensitivity })),
        'components',
      );
      return rows.map(componentOf);
    },
  };
}
