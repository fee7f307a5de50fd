import type { Selectable } from 'kysely';
import type { EvidenceItem, FoundAt, ItemCustody, ItemKind, Media } from '../../evidence/model/item.js';
import type { Sensitivity } from '../../evidence/model/sensitivity.js';
import type { EvidenceItemsTable } from '../db/schema-evidence.js';

const u = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const n = (v: number | string | null): number | undefined => (v === null ? undefined : Number(v));

/** Drops undefined members so objects compare and serialise as they were signed. */
function clean<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

export function itemFromRow(r: Selectable<EvidenceItemsTable>): EvidenceItem {
  const foundAt: FoundAt | undefined =
    r.found_precision === null
      ? undefined
      : clean({
          lat: n(r.found_lat),
          lon: n(r.found_lon),
          precision: r.found_precision as FoundAt['precision'],
          withinM: n(r.found_within_m),
          place: u(r.found_place),
        });
  const dims = clean({ length: n(r.length_mm), width: n(r.width_mm), height: n(r.height_mm) });
  const custody: ItemCustody = clean({
    custodian: r.custodian,
    location: u(r.storage_location),
    sealNumber: u(r.current_seal),
    bagNumber: u(r.current_bag),
  });
  return clean({
    id: r.id,
    incident: r.incident_id,
    kind: r.kind as ItemKind,
    media: r.media as Media,
    sensitivity: r.sensitivity as Sensitivity,
    title: r.title,
    description: u(r.description),
    sha256: u(r.sha256),
    sizeBytes: n(r.size_bytes),
    fileName: u(r.file_name),
    mimeType: u(r.mime_type),
    url: u(r.url),
    capturedAt: u(r.captured_at),
    captureTool: u(r.capture_tool),
    parent: u(r.parent_id),
    depicts: u(r.depicts_id),
    sealNumber: u(r.seal_number),
    bagNumber: u(r.bag_number),
    foundAt,
    dimensionsMm: Object.keys(dims).length ? dims : undefined,
    massG: n(r.mass_g),
    metadata: r.metadata_json === null ? undefined : (JSON.parse(r.metadata_json) as Record<string, unknown>),
    perceptualHash: u(r.perceptual_hash),
    custody,
    createdAt: r.created_at,
    headHash: r.head_hash,
    eventCount: Number(r.event_count),
  });
}

export function rowFromItem(i: EvidenceItem): EvidenceItemsTable {
  return {
    id: i.id,
    incident_id: i.incident,
    kind: i.kind,
    media: i.media,
    sensitivity: i.sensitivity,
    title: i.title,
    description: i.description ?? null,
    sha256: i.sha256 ?? null,
    size_bytes: i.sizeBytes ?? null,
    file_name: i.fileName ?? null,
    mime_type: i.mimeType ?? null,
    url: i.url ?? null,
    captured_at: i.capturedAt ?? null,
    capture_tool: i.captureTool ?? null,
    parent_id: i.parent ?? null,
    depicts_id: i.depicts ?? null,
    seal_number: i.sealNumber ?? null,
    bag_number: i.bagNumber ?? null,
    found_lat: i.foundAt?.lat ?? null,
    found_lon: i.foundAt?.lon ?? null,
    found_precision: i.foundAt?.precision ?? null,
    found_within_m: i.foundAt?.withinM ?? null,
    found_place: i.foundAt?.place ?? null,
    length_mm: i.dimensionsMm?.length ?? null,
    width_mm: i.dimensionsMm?.width ?? null,
    height_mm: i.dimensionsMm?.height ?? null,
    mass_g: i.massG ?? null,
    custodian: i.custody.custodian,
    storage_location: i.custody.location ?? null,
    current_seal: i.custody.sealNumber ?? null,
    current_bag: i.custody.bagNumber ?? null,
    metadata_json: i.metadata === undefined ? null : JSON.stringify(i.metadata),
    perceptual_hash: i.perceptualHash ?? null,
    created_at: i.createdAt,
    head_hash: i.headHash,
    event_count: i.eventCount,
  };
}
