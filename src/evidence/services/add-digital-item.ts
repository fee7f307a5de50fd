import { invalid, unknownIncident, unknownItem } from '../errors.js';
import { descriptionJson } from '../model/description.js';
import {
  isDigitalMedia,
  mediaOfFileName,
  mimeOfFileName,
  type DigitalMedia,
  type EvidenceItem,
} from '../model/item.js';
import { appendEvent } from './append-event.js';
import type { EvidenceDeps } from './deps.js';
import { actorName, instantOrUndefined, sensitivityOf, textOrUndefined } from './inputs.js';
import { photoFacts } from './photo-facts.js';
import { signingIdentity } from './signing.js';

export interface AddDigitalInput {
  /** Where to read the file. */
  readonly path: string;
  /** The file's own name (kept in the description). */
  readonly fileName: string;
  readonly incident: string;
  readonly actor: string;
  readonly sensitivity?: string;
  readonly media?: string;
  readonly title?: string;
  readonly description?: string;
  readonly url?: string;
  readonly capturedAt?: string;
  readonly captureTool?: string;
  readonly depicts?: string;
  readonly at?: string;
  readonly place?: string;
}

export interface AddedItem {
  readonly id: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly event: number;
}

/**
 * Adds a digital original: checks the actor, incident and links first; streams the file into the blob store
 * (hashing it on the way); then, in ONE transaction, writes the item row and its signed `collected` event.
 * A crash between the two leaves at worst an unreferenced blob (reported by verify), never half an item.
 */
export async function addDigitalItem(deps: EvidenceDeps, input: AddDigitalInput): Promise<AddedItem> {
  const actor = actorName('--actor', input.actor);
  const sensitivity = sensitivityOf(input.sensitivity);
  const mediaText = input.media ?? (input.url ? 'web_capture' : mediaOfFileName(input.fileName));
  if (!isDigitalMedia(mediaText))
    throw invalid(
      '--media',
      `'${mediaText}' is not a digital medium (photo, video, document, web_capture, other)`,
    );
  const media: DigitalMedia = mediaText;
  if (media === 'web_capture' && !input.url)
    throw invalid('--url', 'a web capture needs the URL it was taken from');
  if (input.url !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(input.url))
    throw invalid('--url', `'${input.url}' is not an absolute URL`);
  const capturedAt = instantOrUndefined('--captured-at', input.capturedAt);
  const at = instantOrUndefined('--at', input.at);
  const who = await signingIdentity(deps.repo, deps.keys, actor);
  if (!(await deps.repo.incidentExists(input.incident))) throw unknownIncident(input.incident);
  if (input.depicts !== undefined && !(await deps.repo.getItem(input.depicts)))
    throw unknownItem(input.depicts, '--depicts');

  const blob = await deps.blobs.ingest(input.path);
  const facts = media === 'photo' ? await photoFacts(deps.photos, deps.blobs.pathOf(blob.sha256)) : {};

  return deps.repo.transaction(async (tx) => {
    if (!(await tx.incidentExists(input.incident))) throw unknownIncident(input.incident);
    const id = await tx.nextItemId();
    const item: EvidenceItem = {
      id,
      incident: input.incident,
      kind: 'digital',
      media,
      sensitivity,
      title: textOrUndefined('--title', input.title, 500) ?? input.fileName,
      description: textOrUndefined('--description', input.description),
      sha256: blob.sha256,
      sizeBytes: blob.sizeBytes,
      fileName: input.fileName,
      mimeType: mimeOfFileName(input.fileName),
      url: input.url,
      capturedAt,
      captureTool: textOrUndefined('--tool', input.captureTool, 500),
      depicts: input.depicts,
      ...facts,
      custody: { custodian: actor },
      createdAt: deps.clock.nowIso(),
      headHash: '',
      eventCount: 0,
    };
    await tx.insertItem(item);
    const ev = await appendEvent(tx, deps, who, {
      item: id,
      event: 'collected',
      at,
      place: input.place ?? null,
      details: { item: descriptionJson(item), custodian: actor },
    });
    return { id, sha256: blob.sha256, sizeBytes: blob.sizeBytes, event: ev.record.index };
  });
}
