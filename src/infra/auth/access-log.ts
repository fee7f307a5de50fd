import { sql, type Kysely } from 'kysely';
import type { Sensitivity } from '../../contract/index.js';
import type { Database } from '../db/schema.js';
import { afterCursor, decodeCursor, pageOf } from '../server/pagination.js';
import type { ReadScope } from './roles.js';
import { visibleTo } from './visibility.js';

/**
 * The access log, newest first, optionally for one item. Entries about an item the reader may not see (a
 * sealed item without a grant) keep their time, user and action but not the item's id: the log itself must
 * not leak what it protects.
 */
export async function accessLogPage(
  db: Kysely<Database>,
  scope: ReadScope,
  q: { item?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const k = { column: 'a.at', idColumn: 'a.id', descending: true };
  const cursor = decodeCursor(q.cursor);
  let s = db
    .selectFrom('access_log as a')
    .leftJoin('evidence_items as e', 'e.id', 'a.item_id')
    .selectAll('a')
    .select(sql<number>`CASE WHEN ${visibleTo(scope, 'e')} THEN 1 ELSE 0 END`.as('visible'));
  if (q.item) s = s.where('a.item_id', '=', q.item).where(visibleTo(scope, 'e'));
  if (cursor) s = s.where(afterCursor(k, cursor));
  const rows = await s
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return pageOf(
    rows,
    q.limit,
    (r) => ({ value: r.at, id: r.id }),
    (r) => ({
      id: r.id,
      at: r.at,
      user: r.user_name,
      item: Number(r.visible) === 1 ? r.item_id : null,
      sensitivity: r.sensitivity as Sensitivity,
      action: r.action,
    }),
  );
}
