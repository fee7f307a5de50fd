import { defined, jsonObject } from '../model/canonical.js';
import { invalid, unknownIncident } from '../errors.js';
import { descriptionJson } from '../model/description.js';
import {
  isPhysicalMedia,
  LOCATION_PRECISIONS,
  type EvidenceItem,
  type FoundAt,
  type LocationPrecision,
  type PhysicalMedia,
} from '../model/item.js';
import { appendEvent } from './append-event.js';
import type { EvidenceDeps } from './deps.js';
import {
  actorName,
  instantOrUndefined,
  positiveOrUndefined,
  sensitivityOf,
  textOrUndefined,
} from './inputs.js';
import { signingIdentity } from './signing.js';

export interface AddPhysicalInput {
  readonly incident: string;
  readonly actor: string;
  readonly media?: string;
  readonly sensitivity?: string;
  readonly title: string;
  readonly description?: string;
  readonly sealNumber?: string;
  readonly bagNumber?: string;
  readonly foundLat?: number;
  readonly foundLon?: number;
  readonly foundPrecision?: string;
  readonly foundWithinM?: number;
  readonly foundPlace?: string;
  readonly lengthMm?: number;
  readonly widthMm?: number;
  readonly heightMm?: number;
  readonly massG?: number;
  /** Who holds it now (defaults to the actor). */
  readonly custodian?: string;
  /** Where it is kept (store room, shelf). */
  readonly location?: string;
  readonly at?: string;
  readonly place?: string;
}

function foundAt(input: AddPhysicalInput): FoundAt {
  const { foundLat: lat, foundLon: lon } = input;
  if ((lat === undefined) !== (lon === undefined))
    throw invalid('--found-lat/--found-lon', 'give both or neither');
  if (lat !== undefined && (!Number.isFinite(lat) || lat < -90 || lat > 90))
    throw invalid('--found-lat', `${lat} is not a latitude in degrees`);
  if (lon !== undefined && (!Number.isFinite(lon) || lon < -180 || lon > 180))
    throw invalid('--found-lon', `${lon} is not a longitude in degrees`);
  const precisionText =
    input.foundPrecision ??
    (input.foundWithinM !== undefined ? 'within_m' : lat !== undefined ? 'exact' : 'unknown');
  if (!(LOCATION_PRECISIONS as readonly string[]).includes(precisionText))
    throw invalid('--found-precision', `'${precisionText}' is not one of ${LOCATION_PRECISIONS.join(', ')}`);
  const precision = precisionText as LocationPrecision;
  if (precision === 'within_m' && input.foundWithinM === undefined)
    throw invalid('--found-within-m', 'precision within_m needs the radius in metres');
  return defined({
    lat,
    lon,
    precision,
    withinM: positiveOrUndefined('--found-within-m', input.foundWithinM),
    place: textOrUndefined('--found-place', input.foundPlace, 500),
  });
}

/**
 * Adds a physical item (a fragment, debris): its `collected` event (and `sealed`, when a seal number is
 * given) is written in the same transaction as the item row.
 */
export async function addPhysicalItem(
  deps: EvidenceDeps,
  input: AddPhysicalInput,
): Promise<{ id: string; event: number }> {
  const actor = actorName('--actor', input.actor);
  const custodian = actorName('--custodian', input.custodian ?? actor);
  const sensitivity = sensitivityOf(input.sensitivity);
  const mediaText = input.media ?? 'fragment';
  if (!isPhysicalMedia(mediaText)) throw invalid('--media', `'${mediaText}' is not fragment or debris`);
  const media: PhysicalMedia = mediaText;
  if (!input.title.trim()) throw invalid('--title', 'a physical item needs a title (what it is)');
  const at = instantOrUndefined('--at', input.at);
  const found = foundAt(input);
  const dims = defined({
    length: positiveOrUndefined('--length-mm', input.lengthMm),
    width: positiveOrUndefined('--width-mm', input.widthMm),
    height: positiveOrUndefined('--height-mm', input.heightMm),
  });
  const who = await signingIdentity(deps.repo, deps.keys, actor);
  if (!(await deps.repo.incidentExists(input.incident))) throw unknownIncident(input.incident);

  return deps.repo.transaction(async (tx) => {
    if (!(await tx.incidentExists(input.incident))) throw unknownIncident(input.incident);
    const id = await tx.nextItemId();
    const item: EvidenceItem = {
      id,
      incident: input.incident,
      kind: 'physical',
      media,
      sensitivity,
      title: textOrUndefined('--title', input.title, 500)!,
      description: textOrUndefined('--description', input.description),
      sealNumber: textOrUndefined('--seal', input.sealNumber, 200),
      bagNumber: textOrUndefined('--bag', input.bagNumber, 200),
      foundAt: found,
      dimensionsMm: Object.keys(dims).length ? dims : undefined,
      massG: positiveOrUndefined('--mass-g', input.massG),
      custody: defined({
        custodian,
        location: textOrUndefined('--location', input.location, 500),
        sealNumber: input.sealNumber,
        bagNumber: input.bagNumber,
      }),
      createdAt: deps.clock.nowIso(),
      headHash: '',
      eventCount: 0,
    };
    await tx.insertItem(item);
    const ev = await appendEvent(tx, deps, who, {
      item: id,
      event: 'collected',
      at,
      place: input.place ?? input.foundPlace ?? null,
      details: jsonObject({ item: descriptionJson(item), custodian, location: item.custody.location }),
    });
    if (item.sealNumber !== undefined)
      await appendEvent(tx, deps, who, {
        item: id,
        event: 'sealed',
        at,
        place: input.place ?? null,
        details: jsonObject({ seal: item.sealNumber, bag: item.bagNumber, note: 'sealed when collected' }),
      });
    return { id, event: ev.record.index };
  });
}
