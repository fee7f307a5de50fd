import { canonicalJson, defined } from './canonical.js';
import type { CustodyRecord, JsonObject } from './custody-event.js';
import type { EvidenceItem, ItemCustody, ItemDescription } from './item.js';

/** The signed description of an item, with absent optional fields left out (as it was signed). */
export function descriptionOf(i: ItemDescription): ItemDescription {
  return defined({
    id: i.id,
    incident: i.incident,
    kind: i.kind,
    media: i.media,
    sensitivity: i.sensitivity,
    title: i.title,
    description: i.description,
    sha256: i.sha256,
    sizeBytes: i.sizeBytes,
    fileName: i.fileName,
    mimeType: i.mimeType,
    url: i.url,
    capturedAt: i.capturedAt,
    captureTool: i.captureTool,
    parent: i.parent,
    depicts: i.depicts,
    sealNumber: i.sealNumber,
    bagNumber: i.bagNumber,
    foundAt: i.foundAt ? defined({ ...i.foundAt }) : undefined,
    dimensionsMm: i.dimensionsMm ? defined({ ...i.dimensionsMm }) : undefined,
    massG: i.massG,
  }) as ItemDescription;
}

export const descriptionJson = (i: ItemDescription): JsonObject =>
  JSON.parse(canonicalJson(descriptionOf(i))) as JsonObject;

/** Custody as the events say it is: the first event's custodian, then every transfer and (re)seal. */
export function custodyAfter(records: readonly CustodyRecord[]): ItemCustody | undefined {
  let c: { custodian: string; location?: string; sealNumber?: string; bagNumber?: string } | undefined;
  for (const r of records) {
    const d = r.details;
    if (c === undefined) {
      const item = d['item'] as Partial<ItemDescription> | undefined;
      c = defined({
        custodian: typeof d['custodian'] === 'string' ? d['custodian'] : r.actor,
        location: typeof d['location'] === 'string' ? d['location'] : undefined,
        sealNumber: item?.sealNumber,
        bagNumber: item?.bagNumber,
      });
      continue;
    }
    if (r.event === 'transferred') {
      c = defined({
        ...c,
        custodian: String(d['to']),
        location: typeof d['location'] === 'string' ? d['location'] : c.location,
      });
    } else if (r.event === 'sealed') {
      c = defined({
        ...c,
        sealNumber: typeof d['seal'] === 'string' ? d['seal'] : c.sealNumber,
        bagNumber: typeof d['bag'] === 'string' ? d['bag'] : c.bagNumber,
      });
    }
  }
  return c;
}

export const sameCustody = (a: ItemCustody, b: ItemCustody): boolean =>
  canonicalJson(defined({ ...a })) === canonicalJson(defined({ ...b }));

export const itemSummary = (i: EvidenceItem): string =>
  `${i.id}  ${i.kind}/${i.media}  ${i.sensitivity}  ${i.title}`;
