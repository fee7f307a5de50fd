import type { Sensitivity } from './sensitivity.js';

export const ITEM_KINDS = ['digital', 'physical'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** What a digital item is; `web_capture` carries the URL, the capture time and the capturing tool. */
export const DIGITAL_MEDIA = ['photo', 'video', 'document', 'web_capture', 'other'] as const;
export type DigitalMedia = (typeof DIGITAL_MEDIA)[number];
/** Physical items: a fragment of a missile or other debris. */
export const PHYSICAL_MEDIA = ['fragment', 'debris'] as const;
export type PhysicalMedia = (typeof PHYSICAL_MEDIA)[number];
export type Media = DigitalMedia | PhysicalMedia;

/** How well a find spot is known (DESIGN.md: locations carry a precision). */
export const LOCATION_PRECISIONS = ['exact', 'within_m', 'settlement', 'oblast', 'unknown'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];

export interface FoundAt {
  readonly lat?: number;
  readonly lon?: number;
  readonly precision: LocationPrecision;
  /** With precision `within_m`: the radius in metres. */
  readonly withinM?: number;
  /** The place as written (street, village, field). */
  readonly place?: string;
}

export interface DimensionsMm {
  readonly length?: number;
  readonly width?: number;
  readonly height?: number;
}

/**
 * What an item is, fixed when it enters the locker. This whole object is copied into the item's first custody
 * event (collected or derived), so it is hashed and signed: `verify` compares the stored row with it.
 */
export interface ItemDescription {
  readonly id: string;
  readonly incident: string;
  readonly kind: ItemKind;
  readonly media: Media;
  readonly sensitivity: Sensitivity;
  readonly title: string;
  readonly description?: string;
  // digital
  readonly sha256?: string;
  readonly sizeBytes?: number;
  readonly fileName?: string;
  readonly mimeType?: string;
  readonly url?: string;
  readonly capturedAt?: string;
  readonly captureTool?: string;
  /** The item this one was derived from (a working copy, a crop, a transcript). */
  readonly parent?: string;
  /** A photo of a physical item: that item's id. */
  readonly depicts?: string;
  // physical
  readonly sealNumber?: string;
  readonly bagNumber?: string;
  readonly foundAt?: FoundAt;
  readonly dimensionsMm?: DimensionsMm;
  readonly massG?: number;
}

/** What changes with custody events: who holds the item, where, under which seal. */
export interface ItemCustody {
  readonly custodian: string;
  readonly location?: string;
  readonly sealNumber?: string;
  readonly bagNumber?: string;
}

/** Photo facts derived from the blob (recomputable; not part of the signed description). */
export interface PhotoFacts {
  /** EXIF/XMP fields as extracted (JSON-safe). */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** 64-bit difference hash, 16 hex digits. */
  readonly perceptualHash?: string;
}

export interface EvidenceItem extends ItemDescription, PhotoFacts {
  readonly custody: ItemCustody;
  readonly createdAt: string;
  /** Hash of the item's latest custody event, and how many it has. */
  readonly headHash: string;
  readonly eventCount: number;
}

export const isDigitalMedia = (m: string): m is DigitalMedia =>
  (DIGITAL_MEDIA as readonly string[]).includes(m);
export const isPhysicalMedia = (m: string): m is PhysicalMedia =>
  (PHYSICAL_MEDIA as readonly string[]).includes(m);

/** Media guessed from a file name; `other` when unknown. */
export function mediaOfFileName(name: string): DigitalMedia {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (['jpg', 'jpeg', 'png', 'tif', 'tiff', 'heic', 'heif', 'webp', 'gif', 'bmp', 'dng'].includes(ext))
    return 'photo';
  if (['mp4', 'mov', 'm4v', 'webm', 'mkv', 'avi', '3gp'].includes(ext)) return 'video';
  if (['pdf', 'doc', 'docx', 'odt', 'txt', 'md', 'rtf', 'csv', 'xlsx', 'json', 'html', 'htm'].includes(ext))
    return 'document';
  if (['warc', 'wacz', 'mhtml'].includes(ext)) return 'web_capture';
  return 'other';
}

const MIME: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  html: 'text/html',
  warc: 'application/warc',
  wacz: 'application/wacz',
};
export const mimeOfFileName = (name: string): string =>
  MIME[/\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream';
