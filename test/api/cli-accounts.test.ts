import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { accountStore } from '../../src/infra/auth/account-store.js';
import { openStore } from '../../src/infra/db/database.js';

/** issue-6: salvo user add|list|disable and salvo token create. */
describe('issue-6: account commands', () => {
  const tmp = tempDir('salvo-accounts-');
  const db = join(tmp.dir, 'salvo.db');
  beforeAll(() => {
    process.env.SALVO_PASSWORD = 'a password from the environment';
  });
  afterAll(() => {
    delete process.env.SALVO_PASSWORD;
    tmp.cleanup();
  });

  it('adds, lists, creates tokens for and disables users', async () => {
    const add = await runCli(['--db', db, '--json', 'user', 'add', 'olena', '--role', 'custodian']);
    expect(add.code).toBe(0);
    expect(add.json()).toMatchObject({ ok: true, name: 'olena', role: 'custodian' });
    expect(add.out).not.toContain('a password from the environment');
    delete process.env.SALVO_PASSWORD;
    const gen = await runCli(['--db', db, 'user', 'add', 'taras', '--role', 'viewer']);
    expect(gen.code).toBe(0);
    expect(gen.out).toMatch(/password \(shown once\): \S{20,}/);
    expect((await runCli(['--db', db, 'user', 'add', 'taras', '--role', 'viewer'])).code).toBe(5);
    expect((await runCli(['--db', db, 'user', 'add', 'x', '--role', 'root'])).code).toBe(2);
    expect((await runCli(['--db', db, 'user', 'add', '../etc', '--role', 'viewer'])).code).toBe(2);

    const list = await runCli(['--db', db, '--json', 'user', 'list']);
    expect(
      list.json<{ users: { name: string; role: string }[] }>().users.map((u) => `${u.name}:${u.role}`),
    ).toEqual(['olena:custodian', 'taras:viewer']);

    const tok = await runCli([
      '--db',
      db,
      '--json',
      'token',
      'create',
      '--user',
      'olena',
      '--expires-days',
      '7',
    ]);
    expect(tok.code).toBe(0);
    const token = tok.json<{ token: string }>().token;
    expect(token).toMatch(/^salvo_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect((await runCli(['--db', db, 'token', 'create', '--user', 'nobody'])).code).toBe(4);
    expect(
      (await runCli(['--db', db, 'token', 'create', '--user', 'olena', '--expires-days', '0'])).code,
    ).toBe(2);

    const store = await openStore(db);
    try {
      expect((await accountStore(store.db).principalOfToken(token))?.name).toBe('olena');
      expect((await runCli(['--db', db, 'user', 'disable', 'olena'])).code).toBe(0);
      expect(await accountStore(store.db).principalOfToken(token)).toBeUndefined();
    } finally {
      await store.close();
    }
    expect((await runCli(['--db', db, 'user', 'disable', 'nobody'])).code).toBe(4);
  });
});
