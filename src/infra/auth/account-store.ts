import type { Kysely } from 'kysely';
import type { Role } from '../../contract/index.js';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import type { Database } from '../db/schema.js';
import type { UsersTable } from '../db/schema-accounts.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from './roles.js';
import {
  csrfTokenOf,
  makeToken,
  parseToken,
  randomId,
  randomSecret,
  sameHash,
  sha256Text,
} from './secrets.js';

export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}

const userOf = (r: UsersTable): UserRecord => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  disabled: Number(r.disabled) === 1,
  createdAt: r.created_at,
});

const principalOf = (u: UserRecord, via: Principal['via']): Principal => ({
  userId: u.id,
  name: u.name,
  role: u.role,
  via,
});

export interface NewSession {
  /** The cookie value (shown once). */
  readonly cookie: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface AccountStore {
  addUser(input: { name: string; role: Role; password?: string }): Promise<UserRecord>;
  listUsers(): Promise<UserRecord[]>;
  findUser(name: string): Promise<UserRecord | undefined>;
  setDisabled(name: string, disabled: boolean): Promise<UserRecord>;
  createToken(
    name: string,
    label: string,
    expiresInDays?: number,
  ): Promise<{ id: string; token: string; expiresAt: string | null }>;
  /** The principal of a bearer token; undefined when unknown, revoked, expired or its user disabled. */
  principalOfToken(token: string): Promise<Principal | undefined>;
  /** Checks a password; undefined for any failure (unknown user, wrong password, disabled), in similar time. */
  login(name: string, password: string): Promise<UserRecord | undefined>;
  createSession(userId: string, hours: number): Promise<NewSession>;
  /** The principal of a session cookie and its CSRF hash. */
  session(cookie: string): Promise<{ principal: Principal; csrfHash: string; id: string } | undefined>;
  endSession(cookie: string): Promise<void>;
  grant(input: { user: string; item: string; by: string; reason: string }): Promise<void>;
}

const failure = (code: 'NOT_FOUND' | 'CONFLICT' | 'INVALID_INPUT', message: string, field: string) =>
  new SalvoFailure(salvoError(code, message, [{ field, reason: message }]));

const now = (): string => new Date().toISOString();
const plusHours = (h: number): string => new Date(Date.now() + h * 3_600_000).toISOString();

/** Accounts over `db`; the per-request lookups (token, session) read through `readDb` when given. */
export function accountStore(db: Kysely<Database>, readDb: Kysely<Database> = db): AccountStore {
  const findRow = (name: string) =>
    db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();

  return {
    async addUser({ name, role, password }) {
      if (await findRow(name)) throw failure('CONFLICT', `user '${name}' exists`, 'name');
      const row: UsersTable = {
        id: randomId('usr'),
        name,
        role,
        password_hash: password === undefined ? null : await hashPassword(password),
        disabled: 0,
        created_at: now(),
      };
      try {
        await db.insertInto('users').values(row).execute();
      } catch (e) {
        if (await findRow(name)) throw failure('CONFLICT', `user '${name}' exists`, 'name');
        throw e;
      }
      return userOf(row);
    },
    async listUsers() {
      return (await db.selectFrom('users').selectAll().orderBy('name').execute()).map(userOf);
    },
    async findUser(name) {
      const r = await findRow(name);
      return r ? userOf(r) : undefined;
    },
    async setDisabled(name, disabled) {
      const r = await findRow(name);
      if (!r) throw failure('NOT_FOUND', `no user '${name}'`, 'name');
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ disabled: disabled ? 1 : 0 })
          .where('id', '=', r.id)
          .execute();
        if (disabled) {
          await trx.deleteFrom('web_sessions').where('user_id', '=', r.id).execute();
          await trx.updateTable('api_tokens').set({ revoked: 1 }).where('user_id', '=', r.id).execute();
        }
      });
      return userOf({ ...r, disabled: disabled ? 1 : 0 });
    },
    async createToken(name, label, expiresInDays) {
      const r = await findRow(name);
      if (!r) throw failure('NOT_FOUND', `no user '${name}'`, 'user');
      if (Number(r.disabled) === 1) throw failure('CONFLICT', `user '${name}' is disabled`, 'user');
      const t = makeToken();
      const expiresAt = expiresInDays === undefined ? null : plusHours(24 * expiresInDays);
      await db
        .insertInto('api_tokens')
        .values({
          id: t.id,
          user_id: r.id,
          label,
          secret_hash: sha256Text(t.secret),
          created_at: now(),
          expires_at: expiresAt,
          revoked: 0,
        })
        .execute();
      return { id: t.id, token: t.token, expiresAt };
    },
    async principalOfToken(token) {
      const parsed = parseToken(token);
      if (!parsed) return undefined;
      const r = await readDb
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select([
          't.secret_hash',
          't.expires_at',
          't.revoked',
          'u.id',
          'u.name',
          'u.role',
          'u.disabled',
          'u.created_at',
        ])
        .where('t.id', '=', parsed.id)
        .executeTakeFirst();
      if (!r || !sameHash(r.secret_hash, sha256Text(parsed.secret))) return undefined;
      if (Number(r.revoked) === 1 || Number(r.disabled) === 1) return undefined;
      if (r.expires_at !== null && r.expires_at <= now()) return undefined;
      return principalOf(
        userOf({
          id: r.id,
          name: r.name,
          role: r.role,
          disabled: r.disabled,
          created_at: r.created_at,
          password_hash: null,
        }),
        'token',
      );
    },
    async login(name, password) {
      const r = await findRow(name);
      if (!r || r.password_hash === null) {
        await verifyPassword(password, await dummyHash());
        return undefined;
      }
      const good = await verifyPassword(password, r.password_hash);
      if (!good || Number(r.disabled) === 1) return undefined;
      return userOf(r);
    },
    async createSession(userId, hours) {
      const cookie = randomSecret();
      const csrfToken = csrfTokenOf(cookie);
      const expiresAt = plusHours(hours);
      // Expired sessions are purged here, at each sign-in (rare), so the table holds live sessions only.
      await db.deleteFrom('web_sessions').where('expires_at', '<=', now()).execute();
      await db
        .insertInto('web_sessions')
        .values({
          id: sha256Text(cookie),
          user_id: userId,
          csrf_hash: sha256Text(csrfToken),
          created_at: now(),
          expires_at: expiresAt,
        })
        .execute();
      return { cookie, csrfToken, expiresAt };
    },
    async session(cookie) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(cookie)) return undefined;
      const id = sha256Text(cookie);
      const r = await readDb
        .selectFrom('web_sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('u')
        .select(['s.csrf_hash', 's.expires_at'])
        .where('s.id', '=', id)
        .executeTakeFirst();
      if (!r || Number(r.disabled) === 1 || r.expires_at <= now()) return undefined;
      return { principal: principalOf(userOf(r), 'session'), csrfHash: r.csrf_hash, id };
    },
    async endSession(cookie) {
      await db.deleteFrom('web_sessions').where('id', '=', sha256Text(cookie)).execute();
    },
    async grant({ user, item, by, reason }) {
      const u = await findRow(user);
      if (!u) throw failure('NOT_FOUND', `no user '${user}'`, 'user');
      await db
        .insertInto('evidence_grants')
        .values({ user_id: u.id, item_id: item, granted_by: by, granted_at: now(), reason })
        .onConflict((oc) => oc.columns(['user_id', 'item_id']).doNothing())
        .execute();
    },
  };
}
