import { chmodSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SalvoFailure } from '../../src/kernel/index.js';
import { addDigitalItem } from '../../src/evidence/services/add-digital-item.js';
import { createKey } from '../../src/evidence/services/create-key.js';
import { transferItem } from '../../src/evidence/services/transfer-item.js';
import { examineItem } from '../../src/evidence/services/examine-item.js';
import { verifyStore } from '../../src/evidence/services/verify-store.js';
import { verifyBundle } from '../../src/evidence/services/verify-bundle.js';
import { folderBundleSource } from '../../src/infra/evidence/bundle-fs.js';
import { nodeHasher, nodeSignatureVerifier } from '../../src/infra/evidence/node-crypto.js';
import { evidenceDeps } from '../../src/infra/evidence/wiring.js';
import { openLocker, writeFile, type Locker } from './helpers.js';

let l: Locker;
beforeEach(async () => {
  l = await openLocker();
  await createKey(l.deps, { actor: 'alice' });
  await createKey(l.deps, { actor: 'bob' });
});
afterEach(async () => l.close());

/** Rows, blobs and temporary files: what "nothing written" means. */
async function footprint(): Promise<string> {
  const items = await l.deps.repo.listItems({});
  const events = await l.deps.repo.logSize();
  const blobs: string[] = [];
  for await (const b of l.deps.blobs.list()) blobs.push(b);
  return JSON.stringify({
    items: items.map((i) => [i.id, i.headHash, i.custody]),
    events,
    blobs,
    strays: await l.deps.blobs.strays(),
  });
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SalvoFailure) return e.error;
    throw e;
  }
  throw new Error('expected a failure');
}

const add = (path: string, over: Partial<Parameters<typeof addDigitalItem>[1]> = {}) =>
  addDigitalItem(l.deps, { path, fileName: 'x.jpg', incident: 'KHK-2024-01-02', actor: 'alice', ...over });

describe('issue-4: bad input gives a clear error and writes nothing', () => {
  it('a file that does not exist', async () => {
    const before = await footprint();
    const e = await failure(add(join(l.dir, 'nope.jpg')));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toMatch(/no such file/);
    expect(await footprint()).toBe(before);
  });

  it('an unreadable file (a folder; a 000 file when not root)', async () => {
    const before = await footprint();
    mkdirSync(join(l.dir, 'folder.jpg'));
    expect((await failure(add(join(l.dir, 'folder.jpg')))).message).toMatch(/not a regular file/);
    if (process.getuid?.() !== 0) {
      const p = writeFile(l.dir, 'locked.jpg', 'secret');
      chmodSync(p, 0o000);
      expect((await failure(add(p))).message).toMatch(/permission denied|unreadable/);
    }
    expect(await footprint()).toBe(before);
  });

  it('a 0-byte file', async () => {
    const before = await footprint();
    const e = await failure(add(writeFile(l.dir, 'empty.jpg', '')));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/empty \(0 bytes\)/);
    expect(await footprint()).toBe(before);
  });

  it('an unknown actor, and an actor whose private key is not here', async () => {
    const p = writeFile(l.dir, 'a.jpg', 'photo bytes');
    const before = await footprint();
    const e = await failure(add(p, { actor: 'mallory' }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toMatch(/unknown actor 'mallory'.*salvo key create/);
    for (const f of readdirSync(l.deps.keys.location)) rmSync(join(l.deps.keys.location, f));
    const fresh = evidenceDeps(l.store, {});
    const e2 = await failure(
      addDigitalItem(fresh, { path: p, fileName: 'a.jpg', incident: 'KHK-2024-01-02', actor: 'alice' }),
    );
    expect(e2.code).toBe('FORBIDDEN');
    expect(e2.message).toMatch(/cannot sign as 'alice'/);
    expect(await footprint()).toBe(before);
  });

  it('an unknown incident', async () => {
    const before = await footprint();
    const e = await failure(add(writeFile(l.dir, 'a.jpg', 'x'), { incident: 'NOPE-1' }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toMatch(/no incident 'NOPE-1'/);
    expect(await footprint()).toBe(before);
  });

  it('an event for an item that does not exist', async () => {
    const before = await footprint();
    expect(
      (await failure(transferItem(l.deps, { item: 'EV-999999', actor: 'alice', to: 'bob' }))).message,
    ).toMatch(/no evidence item 'EV-999999'/);
    expect((await failure(examineItem(l.deps, { item: 'EV-999999', actor: 'alice', note: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
    expect(await footprint()).toBe(before);
  });

  it('a transfer to an unknown actor', async () => {
    const { id } = await add(writeFile(l.dir, 'a.jpg', 'photo'));
    const before = await footprint();
    expect((await failure(transferItem(l.deps, { item: id, actor: 'alice', to: 'nobody' }))).message).toMatch(
      /unknown actor 'nobody'/,
    );
    expect(await footprint()).toBe(before);
  });

  it('a blob path outside the store is refused', () => {
    expect(() => l.deps.blobs.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/);
  });

  it('a bundle whose manifest points outside the bundle is not intact', async () => {
    const dir = join(l.dir, 'bundle');
    mkdirSync(join(dir, 'blobs'), { recursive: true });
    const sha = 'a'.repeat(64);
    writeFileSync(join(l.dir, 'outside'), 'x');
    symlinkSync(join(l.dir, 'outside'), join(dir, 'blobs', sha));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        format: 'salvo-bundle/1',
        incident: 'X',
        createdAt: '',
        createdBy: '',
        withheld: [],
        items: [
          {
            id: 'EV-000001',
            kind: 'digital',
            media: 'photo',
            sensitivity: 'public',
            title: 't',
            sha256: sha,
            sizeBytes: 1,
            file: '../outside',
            events: [],
          },
          {
            id: 'EV-000002',
            kind: 'digital',
            media: 'photo',
            sensitivity: 'public',
            title: 't',
            sha256: sha,
            sizeBytes: 1,
            file: `blobs/${sha}`,
            events: [],
          },
        ],
      }),
    );
    const r = await verifyBundle(await folderBundleSource(dir), {
      hasher: nodeHasher,
      verifier: nodeSignatureVerifier(),
    });
    expect(r.ok).toBe(false);
    expect(r.problems.filter((p) => /outside the bundle/.test(p.what)).map((p) => p.item)).toEqual([
      'EV-000001',
      'EV-000002',
    ]);
  });

  it('verify names an unknown signing key', async () => {
    const { id } = await add(writeFile(l.dir, 'a.jpg', 'photo'));
    await l.store.db
      .updateTable('evidence_keys')
      .set({ id: 'ed25519:00000000000000000000000000000000' })
      .where('actor', '=', 'alice')
      .execute();
    const r = await verifyStore({ ...l.deps, verifier: nodeSignatureVerifier() });
    expect(r.ok).toBe(false);
    expect(
      r.problems.some((p) => p.item === id && p.event === 0 && /not in the key registry/.test(p.what)),
    ).toBe(true);
  });
});
