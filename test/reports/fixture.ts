import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, PrivateKeys } from '../../src/evidence/ports.js';
import type { EvidenceDeps } from '../../src/evidence/services/deps.js';
import { addDigitalItem } from '../../src/evidence/services/add-digital-item.js';
import { addPhysicalItem } from '../../src/evidence/services/add-physical-item.js';
import { createCheckpoint } from '../../src/evidence/services/create-checkpoint.js';
import { createKey } from '../../src/evidence/services/create-key.js';
import { transferItem } from '../../src/evidence/services/transfer-item.js';
import { openStore, type Store } from '../../src/infra/db/database.js';
import { fsBlobStore } from '../../src/infra/evidence/blob-store.js';
import { kyselyEvidenceRepository } from '../../src/infra/evidence/kysely-evidence-repository.js';
import { kyselyTracingRepository } from '../../src/infra/evidence/kysely-tracing-repository.js';
import { nodeHasher } from '../../src/infra/evidence/node-crypto.js';
import { recordComponents } from '../../src/tracing/services/add-components.js';

const FIX = join(import.meta.dirname, 'fixtures');
export const POL = 'TST-2024-01-23-POL';
export const KHK = 'TST-2024-02-07-KHK';
export const GENERATED_AT = '2024-03-05T12:00:00.000Z';
export const GENERATOR = { name: 'Salvo', version: 'test' };

/** The sealed exhibit's identifiers: none may appear in a public or restricted edition. */
export const SEALED = {
  title: 'Witness statement SEALED-ALPHA-7731',
  fileName: 'witness-sealed-alpha-7731.txt',
  content: 'Statement of a protected witness (SEALED-ALPHA-7731 content).\n',
  physicalTitle: 'Guidance section SEALED-BRAVO-4410',
  componentMarking: 'SEALCOMP-XJ-9921',
};
/** The restricted exhibit is the radar track the reconstruction was fitted to (same bytes, same SHA-256). */
export const RESTRICTED = {
  title: 'Radar track export RESTRICTED-CHARLIE-5520',
  fileName: 'radar-track-charlie.csv',
};

/** A clock that moves one second per reading from a fixed instant: every hash in the fixture is fixed. */
function steppingClock(start = Date.parse('2024-03-01T10:00:00.000Z')): Clock {
  let t = start;
  return {
    nowIso: () => {
      const s = new Date(t).toISOString();
      t += 1000;
      return s;
    },
  };
}

/** Ed25519 keys from fixed seeds (RFC 8032 signatures are deterministic): every signature is fixed too. */
function seededKeys(): PrivateKeys {
  let n = 0;
  const kept = new Map<string, KeyObject>();
  return {
    location: '(seeded test keys)',
    async generate() {
      const seed = createHash('sha256').update(`salvo-report-test-key-${n++}`).digest();
      const key = createPrivateKey({
        key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
        format: 'der',
        type: 'pkcs8',
      });
      const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
      return {
        publicKey: spki.subarray(spki.length - 32).toString('base64'),
        keep: async (keyId: string) => void kept.set(keyId, key),
      };
    },
    has: async (id) => kept.has(id),
    sign: async (id, message) => sign(null, Buffer.from(message, 'utf8'), kept.get(id)!).toString('base64'),
  };
}

export interface Fixture {
  readonly store: Store;
  readonly dir: string;
  readonly deps: EvidenceDeps;
  readonly items: {
    photo: string;
    fragment: string;
    restricted: string;
    sealed: string;
    sealedPhysical: string;
  };
  cleanup(): Promise<void>;
}

async function seedRegistry(store: Store, track: string): Promise<void> {
  await store.db
    .insertInto('sources')
    .values({
      id: 'src_fixture',
      kind: 'incidents',
      file_name: 'incidents-fixture.csv',
      sha256: createHash('sha256').update('incidents-fixture').digest('hex'),
      size_bytes: 1234,
      importer: 'incidents',
      importer_version: '1.0.0',
      imported_at: '2024-02-01T08:00:00.000Z',
      rows_read: 2,
      rows_imported: 2,
      rows_rejected: 0,
    })
    .execute();
  const base = {
    source_id: 'src_fixture',
    launch_lat: null,
    launch_lon: null,
    content_sha256: '0'.repeat(64),
  };
  await store.db
    .insertInto('incidents')
    .values([
      {
        ...base,
        id: POL,
        source_line: 2,
        occurred_at_utc: '2024-01-23T03:20:00.000Z',
        occurred_at_raw: '2024-01-23T05:20:00+02:00',
        lat: 49.59,
        lon: 34.55,
        location_precision_m: 20000,
        target_region_iso: 'UA-53',
        target_region_raw: 'Poltava oblast',
        launch_region_iso: 'RU-KRS',
        launch_region_raw: 'Kursk',
        model_claimed_raw: 'Iskander-M',
        model_claimed_id: 'iskander-m',
        outcome: 'impact',
        debris_recovered: 1,
        identified_type: 'hwasong-11ga',
        killed: 0,
        injured: 2,
        source_url: 'https://example.org/news/poltava-strike?a=1&b=<2>',
        notes: 'ILLUSTRATIVE fixture; "quotes" & <angle brackets> must be escaped',
      },
      {
        ...base,
        id: KHK,
        source_line: 3,
        occurred_at_utc: '2024-02-07T04:30:00.000Z',
        occurred_at_raw: '2024-02-07T06:30:00+02:00',
        lat: 49.99,
        lon: 36.23,
        location_precision_m: 5000,
        target_region_iso: 'UA-63',
        target_region_raw: 'Kharkiv',
        launch_region_iso: 'RU-BEL',
        launch_region_raw: 'Belgorod',
        model_claimed_raw: 'S-300',
        model_claimed_id: 's-300',
        outcome: 'airburst',
        debris_recovered: 0,
        identified_type: null,
        killed: null,
        injured: null,
        source_url: '',
        notes: 'ILLUSTRATIVE fixture',
      },
    ])
    .execute();
  const rec = JSON.parse(readFileSync(join(FIX, 'reconstruction.json'), 'utf8')) as {
    config: unknown;
    result: unknown;
  };
  const idn = JSON.parse(readFileSync(join(FIX, 'identification.json'), 'utf8')) as {
    config: unknown;
    input: unknown;
    result: unknown;
  };
  const idText = JSON.stringify(idn.input);
  await store.db
    .insertInto('analysis_runs')
    .values([
      {
        id: 'run_fixture_rec',
        kind: 'reconstruction',
        incident_id: POL,
        created_at: '2024-03-02T09:00:00.000Z',
        method_name:
          'salvo batch ML template fit (LM, RK4 rotating-ECEF J2 + US76 drag, Fisher + consider covariance)',
        method_version: '1.0.0',
        config_json: JSON.stringify(rec.config),
        input_sha256: createHash('sha256').update(track).digest('hex'),
        input_text: track,
        result_json: JSON.stringify(rec.result),
      },
      {
        id: 'find_fixture_id',
        kind: 'identification',
        incident_id: POL,
        created_at: '2024-03-02T09:05:00.000Z',
        method_name: 'salvo-identify',
        method_version: 'salvo-identify/1.0.0',
        config_json: JSON.stringify({ ...(idn.config as object), reconstructionRun: 'run_fixture_rec' }),
        input_sha256: createHash('sha256').update(idText).digest('hex'),
        input_text: idText,
        result_json: JSON.stringify(idn.result),
      },
    ])
    .execute();
}

/**
 * A fixed store: two incidents, a stored reconstruction and finding for one, evidence of every sensitivity
 * (a public photo and fragment with components, a restricted log, a sealed statement and a sealed physical
 * item with a component), a transfer and a checkpoint. Fixed clock and seeded keys: every hash is fixed.
 * `extraExhibits` adds that many public documents (for the benchmark).
 */
export async function buildFixture(options: { extraExhibits?: number } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'salvo-reports-'));
  const store = await openStore(join(dir, 'fixture.db'));
  const track = readFileSync(join(FIX, 'track-poltava.csv'), 'utf8');
  await seedRegistry(store, track);
  const clock = steppingClock();
  const deps: EvidenceDeps = {
    repo: kyselyEvidenceRepository(store.db),
    blobs: fsBlobStore(join(dir, 'blobs')),
    keys: seededKeys(),
    hasher: nodeHasher,
    clock,
  };
  const file = (name: string, content: string | Uint8Array): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  await createKey(deps, { actor: 'alice' });
  await createKey(deps, { actor: 'bob' });
  const fragment = await addPhysicalItem(deps, {
    incident: POL,
    actor: 'alice',
    sensitivity: 'public',
    title: 'Tail section fragment with jet-vane actuator',
    sealNumber: 'S-0042',
    bagNumber: 'B-7',
    foundLat: 49.5898,
    foundLon: 34.5502,
    foundWithinM: 50,
    foundPlace: 'field east of the village',
    massG: 2350,
    location: 'Poltava regional prosecutor, store room 1',
    at: '2024-01-23T09:00:00.000Z',
    place: 'Poltava oblast',
  });
  const photo = await addDigitalItem(deps, {
    path: file('tail-fragment.jpg', 'JPEG-BYTES-OF-THE-TAIL-FRAGMENT-PHOTO'),
    fileName: 'tail-fragment.jpg',
    incident: POL,
    actor: 'alice',
    sensitivity: 'public',
    title: 'Photo of the tail fragment in place',
    depicts: fragment.id,
    capturedAt: '2024-01-23T08:55:00.000Z',
  });
  const restricted = await addDigitalItem(deps, {
    path: file(RESTRICTED.fileName, track),
    fileName: RESTRICTED.fileName,
    incident: POL,
    actor: 'bob',
    sensitivity: 'restricted',
    title: RESTRICTED.title,
  });
  const sealed = await addDigitalItem(deps, {
    path: file(SEALED.fileName, SEALED.content),
    fileName: SEALED.fileName,
    incident: POL,
    actor: 'bob',
    sensitivity: 'sealed',
    title: SEALED.title,
  });
  const sealedPhysical = await addPhysicalItem(deps, {
    incident: POL,
    actor: 'bob',
    sensitivity: 'sealed',
    title: SEALED.physicalTitle,
    sealNumber: 'S-SEALED-9',
    location: 'court store',
  });
  for (let k = 0; k < (options.extraExhibits ?? 0); k++)
    await addDigitalItem(deps, {
      path: file(`extra-${k}.txt`, `extra exhibit ${k}\n`),
      fileName: `extra-${k}.txt`,
      incident: POL,
      actor: k % 2 ? 'bob' : 'alice',
      sensitivity: 'public',
      title: `Open-source capture ${k}`,
    });
  await transferItem(deps, {
    item: fragment.id,
    actor: 'alice',
    to: 'bob',
    location: 'forensic laboratory',
    reason: 'component analysis',
  });
  const tracing = { tracing: kyselyTracingRepository(store.db), keys: deps.keys, hasher: deps.hasher, clock };
  await recordComponents(tracing, {
    actor: 'bob',
    groups: [
      {
        item: fragment.id,
        components: [
          {
            marking: 'TPS7A4701 / 2310',
            manufacturer: 'Texas Instruments',
            partNumber: 'TPS7A4701',
            dateCode: '2310',
          },
          {
            marking: 'AD7606 / 2148',
            manufacturer: 'Analog Devices',
            partNumber: 'AD7606',
            dateCode: '2148',
          },
          { marking: 'actuator housing 주체112', dateCode: '주체112', calendar: 'juche' },
          { marking: 'unmarked relay' },
        ],
      },
      {
        item: sealedPhysical.id,
        components: [{ marking: SEALED.componentMarking, manufacturer: 'XP Power', dateCode: '2333' }],
      },
    ],
  });
  await createCheckpoint(deps, { actor: 'alice' });
  return {
    store,
    dir,
    deps,
    items: {
      photo: photo.id,
      fragment: fragment.id,
      restricted: restricted.id,
      sealed: sealed.id,
      sealedPhysical: sealedPhysical.id,
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Every identifier of the fixture's restricted and sealed exhibits (ids, titles, file names, hashes, seal number,
 * component marking), and the hash of the reconstruction's input, which is the restricted exhibit's: none may
 * appear anywhere in a public edition.
 */
export function notPublicIdentifiers(fx: Fixture): string[] {
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');
  return [
    fx.items.sealed,
    SEALED.title,
    SEALED.fileName,
    sha(SEALED.content),
    fx.items.sealedPhysical,
    SEALED.physicalTitle,
    SEALED.componentMarking,
    'S-SEALED-9',
    fx.items.restricted,
    RESTRICTED.title,
    RESTRICTED.fileName,
    sha(readFileSync(join(FIX, 'track-poltava.csv'), 'utf8')),
  ];
}
