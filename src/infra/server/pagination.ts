import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { SalvoFailure, salvoError } from '../../kernel/index.js';

/**
 * Keyset pagination: a page ends with a cursor holding the last row's sort value and id; the next page starts
 * strictly after it in (sort value, id) order. Stable under inserts and O(page) on an index, unlike OFFSET.
 */
export interface Keyset {
  /** Qualified column of the sort key (not null), e.g. `i.occurred_at_utc`. */
  readonly column: string;
  /** Qualified id column (unique tie-breaker), e.g. `i.id`. */
  readonly idColumn: string;
  readonly descending: boolean;
}

export interface CursorValue {
  readonly value: string | number;
  readonly id: string;
}

export function encodeCursor(c: CursorValue): string {
  return Buffer.from(JSON.stringify([c.value, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string | undefined): CursorValue | undefined {
  if (text === undefined) return undefined;
  const bad = (): never => {
    throw new SalvoFailure(
      salvoError('INVALID_INPUT', 'cursor: not a cursor from a previous page', [
        { field: 'cursor', reason: 'malformed cursor' },
      ]),
    );
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return bad();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !(typeof parsed[0] === 'string' || typeof parsed[0] === 'number') ||
    typeof parsed[1] !== 'string'
  )
    return bad();
  return { value: parsed[0] as string | number, id: parsed[1] as string };
}

/** Rows after the cursor, in the keyset's order (a plain SQL predicate, usable in any `where`). */
export function afterCursor(k: Keyset, c: CursorValue): RawBuilder<SqlBool> {
  const op = sql.raw(k.descending ? '<' : '>');
  const col = sql.ref(k.column);
  const id = sql.ref(k.idColumn);
  if (k.column === k.idColumn) return sql<SqlBool>`${id} ${op} ${c.id}`;
  return sql<SqlBool>`(${col} ${op} ${c.value} OR (${col} = ${c.value} AND ${id} ${op} ${c.id}))`;
}

/** Splits `limit + 1` fetched rows into a page and the next cursor. */
export function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  cursorOf: (r: R) => CursorValue,
  present: (r: R) => T,
): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(present),
    nextCursor: more && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
