import { z } from 'zod';
import { Cursor, Id, Limit, page, Sensitivity } from './common.js';

export const ITEM_SORTS = ['created_at', '-created_at', 'id', '-id', 'title', '-title'] as const;

export const EvidenceQuery = z.strictObject({
  incident: Id.optional(),
  kind: z.enum(['digital', 'physical']).optional(),
  media: z.enum(['photo', 'video', 'document', 'web_capture', 'other', 'fragment', 'debris']).optional(),
  sensitivity: Sensitivity.optional(),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Search in titles and descriptions (case-insensitive substring).' }),
  sort: z.enum(ITEM_SORTS).default('id'),
  limit: Limit,
  cursor: Cursor,
});
export type EvidenceQuery = z.output<typeof EvidenceQuery>;

export const EvidenceItem = z
  .object({
    id: z.string(),
    incident: z.string(),
    kind: z.enum(['digital', 'physical']),
    media: z.string(),
    sensitivity: Sensitivity,
    title: z.string(),
    description: z.string().nullable(),
    sha256: z.string().nullable(),
    sizeBytes: z.number().nullable(),
    fileName: z.string().nullable(),
    mimeType: z.string().nullable(),
    url: z.string().nullable(),
    capturedAt: z.string().nullable(),
    parent: z.string().nullable(),
    depicts: z.string().nullable(),
    perceptualHash: z.string().nullable(),
    custody: z.object({
      custodian: z.string(),
      location: z.string().nullable(),
      sealNumber: z.string().nullable(),
      bagNumber: z.string().nullable(),
    }),
    createdAt: z.string(),
    headHash: z.string(),
    eventCount: z.number().int(),
  })
  .meta({ id: 'EvidenceItem' });
export type EvidenceItem = z.infer<typeof EvidenceItem>;
export const EvidencePage = page(EvidenceItem, 'EvidencePage');

export const CustodyEvent = z
  .object({
    index: z.number().int(),
    event: z.string(),
    actor: z.string(),
    at: z.string(),
    hash: z.string(),
    prevHash: z.string(),
    itemPrevHash: z.string().nullable(),
    keyId: z.string(),
    signature: z.string(),
    record: z.string().meta({ description: 'The canonical JSON that `hash` and `signature` cover.' }),
  })
  .meta({ id: 'CustodyEvent' });
export type CustodyEvent = z.infer<typeof CustodyEvent>;
export const CustodyLog = z
  .object({
    item: z.string(),
    events: z.array(CustodyEvent),
    chainIntact: z
      .boolean()
      .meta({ description: 'Each event hashes to its stored hash and links to the previous one.' }),
  })
  .meta({ id: 'CustodyLog' });

/** Names of uploaded files: a plain name, never a path. */
export const FileName = z
  .string()
  .min(1)
  .max(255)
  .refine(
    (s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..' && !s.startsWith('..'),
    'a plain file name, not a path',
  )
  .refine(
    (s) => ![...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f),
    'no control characters',
  );

/** Query of `POST /api/evidence`: the body is the file's bytes (application/octet-stream), streamed. */
export const UploadQuery = z.strictObject({
  incident: Id,
  fileName: FileName,
  title: z.string().min(1).max(500).optional(),
  description: z.string().max(10_000).optional(),
  sensitivity: Sensitivity.default('restricted'),
  media: z.enum(['photo', 'video', 'document', 'web_capture', 'other']).optional(),
  url: z.string().max(2000).optional(),
  capturedAt: z.string().max(40).optional(),
});
export type UploadQuery = z.output<typeof UploadQuery>;

export const Added = z
  .object({ id: z.string(), sha256: z.string(), sizeBytes: z.number(), event: z.number().int() })
  .meta({ id: 'AddedItem' });

const At = z.string().max(40).optional();
const Place = z.string().max(500).optional();

/** What a custodian may record on an item (the chain of custody proper). */
export const CustodyAction = z
  .discriminatedUnion('event', [
    z.strictObject({
      event: z.literal('transferred'),
      to: z.string().min(1).max(200),
      location: z.string().max(500).optional(),
      reason: z.string().max(10_000).optional(),
      at: At,
      place: Place,
    }),
    z.strictObject({
      event: z.literal('sealed'),
      seal: z.string().min(1).max(200),
      bag: z.string().max(200).optional(),
      note: z.string().max(10_000).optional(),
      at: At,
      place: Place,
    }),
    z.strictObject({
      event: z.literal('annotated'),
      note: z.string().min(1).max(10_000),
      at: At,
      place: Place,
    }),
  ])
  .meta({ id: 'CustodyAction' });
export type CustodyAction = z.infer<typeof CustodyAction>;

export const Recorded = z.object({ index: z.number().int(), hash: z.string() }).meta({ id: 'RecordedEvent' });

export const GrantBody = z
  .strictObject({ user: z.string().min(1).max(100), reason: z.string().min(1).max(2000) })
  .meta({ id: 'Grant' });

export const AccessLogQuery = z.strictObject({
  item: Id.optional(),
  limit: Limit,
  cursor: Cursor,
});
export const AccessLogEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    user: z.string(),
    item: z.string().nullable().meta({ description: 'null for an item the reader may not see.' }),
    sensitivity: Sensitivity,
    action: z.string(),
  })
  .meta({ id: 'AccessLogEntry' });
export const AccessLogPage = page(AccessLogEntry, 'AccessLogPage');
