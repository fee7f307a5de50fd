import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../src/api/app.js';
import type { ApiOptions } from '../../src/api/deps.js';
import { ensureSigningKey } from '../../src/api/signing-keys.js';
import { apiDeps } from '../../src/api/wiring.js';
import type { Role } from '../../src/contract/index.js';
import { addDigitalItem } from '../../src/evidence/services/add-digital-item.js';
import type { Engine } from '../../src/infra/db/database.js';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/context.js';
import { freshStore, type EngineStore } from '../helpers/engines.js';

export const INCIDENT = 'DEMO-2024-02-27-KHK';
export const ROLES: readonly Role[] = ['viewer', 'analyst', 'custodian', 'admin'];
export const SENSITIVITIES = ['public', 'restricted', 'sealed'] as const;
export type Sens = (typeof SENSITIVITIES)[number];

/** Who asks: a role, and whether it holds a grant to the sealed item. `anonymous` sends no credentials. */
export interface Caller {
  readonly name: string;
  readonly role: Role | 'anonymous';
  readonly granted: boolean;
  readonly token: string | undefined;
}

export interface Item {
  readonly id: string;
  readonly sensitivity: Sens;
  readonly title: string;
  readonly sha256: string;
  readonly bytes: Buffer;
}

export interface World {
  readonly es: EngineStore;
  readonly app: ReturnType<typeof createApp>;
  readonly deps: ReturnType<typeof apiDeps>;
  readonly callers: Caller[];
  readonly items: Record<Sens, Item>;
  req(caller: Caller | undefined, path: string, init?: RequestInit): Promise<Response>;
  cleanup(): Promise<void>;
}

const quiet: Io = { out: () => undefined, err: () => undefined, interactive: false };

/**
 * A store on `engine` with the demo registry, one user per role (plus a granted analyst and a granted viewer),
 * and one digital item per sensitivity whose titles and contents are unique markers (so a test can search
 * every response body for them).
 */
export async function buildWorld(engine: Engine, options: Partial<ApiOptions> = {}): Promise<World> {
  const es = await freshStore(engine, 'api');
  for (const [kind, file] of [
    ['incidents', 'demo/data/incidents-campaign.csv'],
    ['airforce', 'demo/data/airforce-sample.csv'],
  ] as const) {
    const code = await main(['--db', es.url, 'import', kind, file], quiet);
    if (code !== 0) throw new Error(`import ${kind} failed with ${code}`);
  }
  const deps = apiDeps(es.store, {
    places: { blobs: join(es.dir, 'blobs'), keys: join(es.dir, 'keys') },
    options: { spoolDir: join(es.dir, 'spool'), ...options },
  });
  const callers: Caller[] = [{ name: 'anonymous', role: 'anonymous', granted: false, token: undefined }];
  const people: [string, Role, boolean][] = [
    ...ROLES.map((r): [string, Role, boolean] => [`${r}-1`, r, false]),
    ['analyst-granted', 'analyst', true],
    ['viewer-granted', 'viewer', true],
  ];
  for (const [name, role, granted] of people) {
    await deps.accounts.addUser({ name, role });
    const t = await deps.accounts.createToken(name, 'test');
    callers.push({ name, role, granted, token: t.token });
  }
  const ed = deps.evidenceDeps;
  // Users who write sign with a key the server holds; it is made at their first write (signing-keys.ts).
  for (const [name, role] of people) if (role !== 'viewer') await ensureSigningKey(ed, name);
  const items = {} as Record<Sens, Item>;
  for (const s of SENSITIVITIES) {
    const marker = `MARK${s.toUpperCase()}${Math.random().toString(36).slice(2, 8)}`;
    const bytes = Buffer.from(`${marker} evidence bytes of a ${s} item\n`.repeat(50));
    const path = join(es.dir, `${s}.txt`);
    writeFileSync(path, bytes);
    const added = await addDigitalItem(ed, {
      path,
      fileName: `${s}.txt`,
      incident: INCIDENT,
      actor: 'custodian-1',
      sensitivity: s,
      title: `${marker} title`,
      description: `${marker} description`,
    });
    items[s] = { id: added.id, sensitivity: s, title: `${marker} title`, sha256: added.sha256, bytes };
  }
  for (const c of callers)
    if (c.granted)
      await deps.accounts.grant({ user: c.name, item: items.sealed.id, by: 'admin-1', reason: 'test' });
  const app = createApp(deps);
  return {
    es,
    app,
    deps,
    callers,
    items,
    req(caller, path, init = {}) {
      const headers = new Headers(init.headers);
      if (caller?.token) headers.set('authorization', `Bearer ${caller.token}`);
      return Promise.resolve(app.request(path, { ...init, headers }));
    },
    cleanup: () => es.cleanup(),
  };
}

/** May this caller see an item of this sensitivity (the rule the queries enforce)? */
export function maySee(c: Caller, s: Sens, publicReadOnly = false): boolean {
  if (publicReadOnly) return s === 'public';
  if (c.role === 'anonymous') return false;
  if (s === 'public') return true;
  const restricted = c.role !== 'viewer';
  return s === 'restricted' ? restricted : restricted && c.granted;
}
