import { jsonObject } from '../model/canonical.js';
import { invalid, unknownItem } from '../errors.js';
import { descriptionJson } from '../model/description.js';
import { isDigitalMedia, mediaOfFileName, mimeOfFileName, type EvidenceItem } from '../model/item.js';
import { stricter } from '../model/sensitivity.js';
import { appendEvent } from './append-event.js';
import type { EvidenceDeps } from './deps.js';
import { actorName, instantOrUndefined, sensitivityOf, textOrUndefined } from './inputs.js';
import { photoFacts } from './photo-facts.js';
import { signingIdentity } from './signing.js';
import type { AddedItem } from './add-digital-item.js';

export interface DeriveInput {
  readonly parent: string;
  readonly path: string;
  readonly fileName: string;
  readonly actor: string;
  /** How the copy was made (crop, enhance, transcode, transcript, translation). */
  readonly method: string;
  readonly sensitivity?: string;
  readonly media?: string;
  readonly title?: string;
  readonly at?: string;
  readonly place?: string;
}

/**
 * A working copy is a new digital item: the parent's log gets a `derived` event naming the child, and the
 * child's log starts with a `derived` event naming the parent, both in one transaction. The original is never
 * touched; the copy is never less protected than its parent.
 */
export async function deriveItem(deps: EvidenceDeps, input: DeriveInput): Promise<AddedItem> {
  const actor = actorName('--actor', input.actor);
  const method = textOrUndefined('--method', input.method, 2000)!;
  if (!method.trim()) throw invalid('--method', 'say how the copy was made');
  const mediaText = input.media ?? mediaOfFileName(input.fileName);
  if (!isDigitalMedia(mediaText)) throw invalid('--media', `'${mediaText}' is not a digital medium`);
  const at = instantOrUndefined('--at', input.at);
  const who = await signingIdentity(deps.repo, deps.keys, actor);
  const parent = await deps.repo.getItem(input.parent);
  if (!parent) throw unknownItem(input.parent);
  const blob = await deps.blobs.ingest(input.path);
  if (blob.sha256 === parent.sha256)
    throw invalid(
      'FILE',
      `the file is identical to ${parent.id} (sha256 ${blob.sha256}): not a derived copy`,
    );
  const facts = mediaText === 'photo' ? await photoFacts(deps.photos, deps.blobs.pathOf(blob.sha256)) : {};

  return deps.repo.transaction(async (tx) => {
    const p = await tx.getItem(input.parent);
    if (!p) throw unknownItem(input.parent);
    const id = await tx.nextItemId();
    const child: EvidenceItem = {
      id,
      incident: p.incident,
      kind: 'digital',
      media: mediaText,
      sensitivity: stricter(p.sensitivity, sensitivityOf(input.sensitivity, p.sensitivity)),
      title: textOrUndefined('--title', input.title, 500) ?? `${input.fileName} (from ${p.id})`,
      sha256: blob.sha256,
      sizeBytes: blob.sizeBytes,
      fileName: input.fileName,
      mimeType: mimeOfFileName(input.fileName),
      parent: p.id,
      depicts: p.depicts,
      ...facts,
      custody: { custodian: actor },
      createdAt: deps.clock.nowIso(),
      headHash: '',
      eventCount: 0,
    };
    await tx.insertItem(child);
    await appendEvent(tx, deps, who, {
      item: p.id,
      event: 'derived',
      at,
      place: input.place ?? null,
      details: jsonObject({ to: id, sha256: blob.sha256, method }),
    });
    const ev = await appendEvent(tx, deps, who, {
      item: id,
      event: 'derived',
      at,
      place: input.place ?? null,
      details: jsonObject({
        from: p.id,
        fromSha256: p.sha256,
        method,
        item: descriptionJson(child),
        custodian: actor,
      }),
    });
    return { id, sha256: blob.sha256, sizeBytes: blob.sizeBytes, event: ev.record.index };
  });
}
