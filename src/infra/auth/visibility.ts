import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ReadScope } from './roles.js';

/**
 * The sensitivity rule as SQL, applied inside every evidence read query (never as a filter after the fact):
 * public rows for everyone; restricted rows for roles that may read them; sealed rows only for such a role
 * holding a grant for that very item. `alias` is the evidence_items alias in the query.
 */
export function visibleTo(scope: ReadScope, alias = 'evidence_items'): RawBuilder<SqlBool> {
  const s = sql.ref(`${alias}.sensitivity`);
  if (!scope.restricted) return sql<SqlBool>`${s} = 'public'`;
  if (scope.userId === null) return sql<SqlBool>`${s} IN ('public', 'restricted')`;
  return sql<SqlBool>`(${s} IN ('public', 'restricted') OR (${s} = 'sealed' AND EXISTS (
    SELECT 1 FROM evidence_grants g WHERE g.item_id = ${sql.ref(`${alias}.id`)} AND g.user_id = ${scope.userId})))`;
}
