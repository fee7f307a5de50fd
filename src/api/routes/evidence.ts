import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  Added,
  CustodyAction,
  CustodyLog,
  EvidenceItem,
  EvidencePage,
  EvidenceQuery,
  GrantBody,
  IdParam,
  Ok,
  Recorded,
  UploadQuery,
} from '../../contract/index.js';
import { addDigitalItem } from '../../evidence/services/add-digital-item.js';
import { annotateItem } from '../../evidence/services/annotate-item.js';
import { sealItem } from '../../evidence/services/seal-item.js';
import { transferItem } from '../../evidence/services/transfer-item.js';
import { scopeOf, type Principal } from '../../infra/auth/roles.js';
import { sha256Text } from '../../infra/auth/secrets.js';
import { kyselyEvidenceRepository } from '../../infra/evidence/kysely-evidence-repository.js';
import { makeThumbnail } from '../../infra/evidence/thumbnail.js';
import type { EvidenceDeps } from '../../evidence/services/deps.js';
import { mayRead, must } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { errorResponses, fail, validationHook } from '../errors.js';
import { ensureSigningKey } from '../signing-keys.js';
import { spoolBody } from '../upload.js';

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const list = createRoute({
  method: 'get',
  path: '/evidence',
  tags: ['evidence'],
  summary: 'Evidence items the caller may see: filter, search (q), sort, keyset pages',
  request: { query: EvidenceQuery },
  responses: { 200: json(EvidencePage, 'A page of items'), ...errorResponses(400, 401) },
});
const get = createRoute({
  method: 'get',
  path: '/evidence/{id}',
  tags: ['evidence'],
  summary: 'One item (404 when it does not exist or the caller may not see it)',
  request: { params: IdParam },
  responses: { 200: json(EvidenceItem, 'The item'), ...errorResponses(400, 401, 404) },
});
const custody = createRoute({
  method: 'get',
  path: '/evidence/{id}/custody',
  tags: ['evidence'],
  summary: "The item's custody events, with a check of their hash chain",
  request: { params: IdParam },
  responses: { 200: json(CustodyLog, 'Custody log'), ...errorResponses(400, 401, 404) },
});
const content = createRoute({
  method: 'get',
  path: '/evidence/{id}/content',
  tags: ['evidence'],
  summary: 'The original file, streamed (ETag = its SHA-256)',
  request: { params: IdParam },
  responses: {
    200: { description: 'The bytes', content: { 'application/octet-stream': { schema: z.any() } } },
    ...errorResponses(400, 401, 404),
  },
});
const thumbnail = createRoute({
  method: 'get',
  path: '/evidence/{id}/thumbnail',
  tags: ['evidence'],
  summary:
    'A JPEG thumbnail (longest side 256 px) of a JPEG or PNG photo; 404 when the item has none (same visibility as content)',
  request: { params: IdParam },
  responses: {
    200: { description: 'The thumbnail', content: { 'image/jpeg': { schema: z.any() } } },
    ...errorResponses(400, 401, 404),
  },
});
const upload = createRoute({
  method: 'post',
  path: '/evidence',
  tags: ['evidence'],
  summary: 'Add a digital original (analyst+): the body is the file, streamed and hashed on the way in',
  request: {
    query: UploadQuery,
    body: { required: true, content: { 'application/octet-stream': { schema: z.any() } } },
  },
  responses: { 201: json(Added, 'Added'), ...errorResponses(400, 401, 403, 404, 413) },
});
const record = createRoute({
  method: 'post',
  path: '/evidence/{id}/custody',
  tags: ['evidence'],
  summary: 'Record a custody event: transferred, sealed or annotated (custodian+)',
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: CustodyAction } } },
  },
  responses: { 201: json(Recorded, 'Recorded'), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
});
const grant = createRoute({
  method: 'post',
  path: '/evidence/{id}/grants',
  tags: ['evidence'],
  summary: 'Grant a user access to a sealed item (admin)',
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: GrantBody } } },
  },
  responses: { 200: json(Ok, 'Granted'), ...errorResponses(400, 401, 403, 404, 413, 415) },
});

const THUMB_CACHE = 512;

const attachment = (name: string): string =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function evidenceRoutes(deps: ApiDeps) {
  const ed = deps.evidenceDeps;
  /** The services' ports for one caller: its repository sees only what the caller may see (in the SQL). */
  const as = (p: Principal): EvidenceDeps => ({
    ...ed,
    repo: kyselyEvidenceRepository(deps.store.db, scopeOf(p)),
  });
  const notFound = (_id: string): never =>
    fail('NOT_FOUND', 'no such evidence item (or not one you may see)', 'id');
  /** Thumbnails by SHA-256 of the original (a few KB each), the most recent THUMB_CACHE kept. */
  const thumbs = new Map<string, Promise<Uint8Array | undefined>>();
  const refuseWhileDraining = () => {
    if (deps.lifecycle.draining) fail('UNAVAILABLE', 'the server is shutting down; try again shortly');
  };

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const p = mayRead(c, deps);
      return c.json(await deps.evidence.list(p, c.req.valid('query')), 200);
    })
    .openapi(get, async (c) => {
      const p = mayRead(c, deps);
      const { id } = c.req.valid('param');
      return c.json((await deps.evidence.get(p, id)) ?? notFound(id), 200);
    })
    .openapi(custody, async (c) => {
      const p = mayRead(c, deps);
      const { id } = c.req.valid('param');
      const r = (await deps.evidence.custody(p, id)) ?? notFound(id);
      let prev: string | null = null;
      let intact = true;
      for (const e of r.events) {
        if (sha256Text(e.record) !== e.hash || e.itemPrevHash !== prev) intact = false;
        prev = e.hash;
      }
      return c.json({ item: r.item.id, events: r.events, chainIntact: intact }, 200);
    })
    .openapi(content, async (c) => {
      const p = mayRead(c, deps);
      const { id } = c.req.valid('param');
      const item = (await deps.evidence.get(p, id, 'download')) ?? notFound(id);
      if (!item.sha256) return fail('NOT_FOUND', `${id} is a physical item: it has no stored file`, 'id');
      const stream = createReadStream(ed.blobs.pathOf(item.sha256), { highWaterMark: 1 << 20 });
      const opened = await new Promise<boolean>((resolve) => {
        stream.once('open', () => resolve(true));
        stream.once('error', () => resolve(false));
      });
      if (!opened) return fail('IO', `the stored file of ${id} is missing from the blob store`);
      return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, {
        'content-type': item.mimeType ?? 'application/octet-stream',
        'content-length': String(item.sizeBytes ?? ''),
        'content-disposition': attachment(item.fileName ?? `${id}.bin`),
        etag: `"${item.sha256}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
    })
    .openapi(thumbnail, async (c) => {
      const p = mayRead(c, deps);
      const { id } = c.req.valid('param');
      const item = (await deps.evidence.get(p, id, 'thumbnail')) ?? notFound(id);
      const none = (why: string): never => fail('NOT_FOUND', `${id} has no thumbnail: ${why}`, 'id');
      if (!item.sha256) return none('a physical item has no stored file');
      if (!/^image\/(jpeg|png)$/.test(item.mimeType ?? '')) return none('not a JPEG or PNG photo');
      const sha = item.sha256;
      let jpeg = thumbs.get(sha);
      if (!jpeg) {
        jpeg = makeThumbnail(ed.blobs.pathOf(sha)).catch(() => undefined);
        thumbs.set(sha, jpeg);
        if (thumbs.size > THUMB_CACHE) thumbs.delete(thumbs.keys().next().value!);
      }
      const bytes = await jpeg;
      if (!bytes) {
        thumbs.delete(sha);
        return none('the image is too large to scale on the server, or cannot be decoded');
      }
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'image/jpeg',
        'content-length': String(bytes.length),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
    })
    .openapi(upload, async (c) => {
      const p = must(c, deps, 'analyst');
      refuseWhileDraining();
      const q = c.req.valid('query');
      const declared = Number(c.req.header('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > deps.options.maxUploadBytes)
        fail('TOO_LARGE', `the upload exceeds ${deps.options.maxUploadBytes} bytes`, 'body');
      if (!(await ed.repo.incidentExists(q.incident)))
        fail('NOT_FOUND', `no incident '${q.incident}'`, 'incident');
      await ensureSigningKey(ed, p.name);
      const spooled = await spoolBody(c.req.raw.body, deps.options.spoolDir, deps.options.maxUploadBytes);
      try {
        // The blob is ingested (copied, hashed, fsynced) outside any lock; only the item row and its signed
        // event are written in the serialised transaction (one connection on SQLite, an advisory lock on
        // PostgreSQL: docs/adr/0004).
        const added = await addDigitalItem(as(p), {
          path: spooled.path,
          fileName: q.fileName,
          incident: q.incident,
          actor: p.name,
          sensitivity: q.sensitivity,
          media: q.media,
          title: q.title,
          description: q.description,
          url: q.url,
          capturedAt: q.capturedAt,
        });
        if (q.sensitivity === 'sealed')
          await deps.accounts.grant({ user: p.name, item: added.id, by: p.name, reason: 'uploaded it' });
        c.get('log').info({ user: p.name, item: added.id, bytes: added.sizeBytes }, 'evidence added');
        return c.json(added, 201);
      } finally {
        await spooled.discard();
      }
    })
    .openapi(record, async (c) => {
      const p = must(c, deps, 'custodian');
      refuseWhileDraining();
      const { id } = c.req.valid('param');
      const a = c.req.valid('json');
      if (!(await deps.evidence.get(p, id, 'custody-write'))) notFound(id);
      await ensureSigningKey(ed, p.name);
      const base = { item: id, actor: p.name, at: a.at, place: a.place };
      const ev =
        a.event === 'transferred'
          ? await transferItem(as(p), { ...base, to: a.to, location: a.location, reason: a.reason })
          : a.event === 'sealed'
            ? await sealItem(as(p), { ...base, seal: a.seal, bag: a.bag, note: a.note })
            : await annotateItem(as(p), { ...base, note: a.note });
      c.get('log').info({ user: p.name, item: id, event: a.event, index: ev.record.index }, 'custody event');
      return c.json({ index: ev.record.index, hash: ev.hash }, 201);
    })
    .openapi(grant, async (c) => {
      const p = must(c, deps, 'admin');
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      if (!(await ed.repo.getItem(id))) notFound(id);
      await deps.accounts.grant({ user: b.user, item: id, by: p.name, reason: b.reason });
      c.get('log').info({ by: p.name, user: b.user, item: id }, 'grant');
      return c.json({ ok: true as const }, 200);
    });
}
