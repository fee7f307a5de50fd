import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { createApp } from '../../src/api/app.js';
import type { ApiOptions } from '../../src/api/deps.js';
import { ensureSigningKey } from '../../src/api/signing-keys.js';
import { apiDeps } from '../../src/api/wiring.js';
import type { Role } from '../../src/contract/index.js';
import { addDigitalItem } from '../../src/evidence/services/add-digital-item.js';
import { addPhysicalItem } from '../../src/evidence/services/add-physical-item.js';
import { analysisRunStore } from '../../src/infra/cases/analysis-runs.js';
import { kyselyTracingRepository } from '../../src/infra/evidence/kysely-tracing-repository.js';
import { recordComponents } from '../../src/tracing/services/add-components.js';
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

/** A physical item with one recovered component whose marking is a unique marker. */
export interface Fragment {
  readonly id: string;
  readonly title: string;
  readonly marking: string;
}

export interface World {
  readonly es: EngineStore;
  readonly app: ReturnType<typeof createApp>;
  readonly deps: ReturnType<typeof apiDeps>;
  readonly callers: Caller[];
  /** Text files whose bytes, titles and descriptions carry unique markers. */
  readonly items: Record<Sens, Item>;
  /** PNG photos (with thumbnails). */
  readonly photos: Record<Sens, Item>;
  /** Physical items with a dated component each (the latest-dated one on the sealed item). */
  readonly fragments: Record<Sens, Fragment>;
  /** Stored analysis runs of INCIDENT: a reconstruction (with its GeoJSON) and an identification. */
  readonly runs: { readonly reconstruction: string; readonly identification: string };
  req(caller: Caller | undefined, path: string, init?: RequestInit): Promise<Response>;
  cleanup(): Promise<void>;
}

/** A small RGB PNG of `w` x `h` whose pixels depend on `seed` (so that each photo has its own bytes). */
export function pngOf(w: number, h: number, seed: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      raw.set([(x * 7 + seed) & 255, (y * 5 + seed) & 255, seed & 255], y * (1 + 3 * w) + 1 + 3 * x);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const FIXTURES = join(import.meta.dirname, '../reports/fixtures');

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
  const photos = {} as Record<Sens, Item>;
  for (const [k, s] of SENSITIVITIES.entries()) {
    const marker = `PHOTO${s.toUpperCase()}${Math.random().toString(36).slice(2, 8)}`;
    const bytes = pngOf(300, 200, 40 * k + 1);
    const path = join(es.dir, `${marker}.png`);
    writeFileSync(path, bytes);
    const added = await addDigitalItem(ed, {
      path,
      fileName: `${marker}.png`,
      incident: INCIDENT,
      actor: 'custodian-1',
      sensitivity: s,
      media: 'photo',
      title: `${marker} photo`,
    });
    photos[s] = { id: added.id, sensitivity: s, title: `${marker} photo`, sha256: added.sha256, bytes };
  }
  const fragments = {} as Record<Sens, Fragment>;
  const tracing = {
    tracing: kyselyTracingRepository(es.store.db),
    keys: ed.keys,
    hasher: ed.hasher,
    clock: ed.clock,
  };
  // Date codes: public 2021 week 10, restricted 2022 week 20, sealed 2023 week 30 (the earliest assembly each
  // caller gets depends on what it may see).
  const codes: Record<Sens, string> = { public: '2110', restricted: '2220', sealed: '2330' };
  for (const s of SENSITIVITIES) {
    const marker = `FRAG${s.toUpperCase()}${Math.random().toString(36).slice(2, 8)}`;
    const { id } = await addPhysicalItem(ed, {
      incident: INCIDENT,
      actor: 'custodian-1',
      sensitivity: s,
      title: `${marker} fragment`,
    });
    const marking = `MARKING${s.toUpperCase()}${Math.random().toString(36).slice(2, 8)}`;
    await recordComponents(tracing, {
      actor: 'custodian-1',
      groups: [
        { item: id, components: [{ marking, manufacturer: 'Texas Instruments', dateCode: codes[s] }] },
      ],
    });
    fragments[s] = { id, title: `${marker} fragment`, marking };
  }
  for (const c of callers)
    if (c.granted)
      for (const item of [items.sealed.id, photos.sealed.id, fragments.sealed.id])
        await deps.accounts.grant({ user: c.name, item, by: 'admin-1', reason: 'test' });
  const runs = { reconstruction: 'run_world_rec', identification: 'find_world_id' };
  const rec = JSON.parse(readFileSync(join(FIXTURES, 'reconstruction.json'), 'utf8')) as {
    config: unknown;
    result: unknown;
  };
  const idn = JSON.parse(readFileSync(join(FIXTURES, 'identification.json'), 'utf8')) as {
    config: unknown;
    input: unknown;
    result: unknown;
  };
  const store = analysisRunStore(es.store.db);
  await store.save({
    id: runs.reconstruction,
    kind: 'reconstruction',
    incidentId: INCIDENT,
    createdAt: '2024-03-02T09:00:00.000Z',
    methodName: 'salvo batch ML template fit',
    methodVersion: '1.1.0',
    config: rec.config,
    // The track is a restricted exhibit (same bytes): its hash must reach no role that may not see the item.
    inputSha256: items.restricted.sha256,
    input: readFileSync(join(FIXTURES, 'track-poltava.csv'), 'utf8'),
    result: { ...(rec.result as object), inputSha256: items.restricted.sha256 },
    geojson: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [35.95, 51.45, 150],
              [34.55, 49.59, 100],
            ],
          },
          properties: { kind: 'trajectory', timesS: [0, 300], inputSha256: items.restricted.sha256 },
        },
      ],
    },
  });
  await store.save({
    id: runs.identification,
    kind: 'identification',
    incidentId: INCIDENT,
    createdAt: '2024-03-02T09:05:00.000Z',
    methodName: 'salvo-identify',
    methodVersion: 'salvo-identify/1.0.0',
    config: idn.config,
    // The features file is a sealed exhibit: likewise.
    inputSha256: items.sealed.sha256,
    input: JSON.stringify(idn.input),
    result: idn.result,
  });
  const app = createApp(deps);
  return {
    es,
    app,
    deps,
    callers,
    items,
    photos,
    fragments,
    runs,
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
