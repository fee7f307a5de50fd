import { invalid } from '../errors.js';
import {
  blobPathOf,
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  type BundleCheckpoint,
  type BundleManifest,
  type BundleProofs,
} from '../model/bundle.js';
import { parseCheckpoint } from '../model/checkpoint-schema.js';
import { toHex } from '../model/merkle.js';
import type { BundleSink, EventRow } from '../ports.js';
import { appendEvent } from './append-event.js';
import { createCheckpoint } from './create-checkpoint.js';
import type { EvidenceDeps } from './deps.js';
import { actorName } from './inputs.js';
import { loadTree } from './load-tree.js';
import { signingIdentity } from './signing.js';

export interface ExportInput {
  readonly incident: string;
  readonly actor: string;
  /** A name for the bundle, recorded in each `exported` event (the output folder's name). */
  readonly bundleName: string;
  readonly recipient?: string;
  readonly includeSealed?: boolean;
}

export interface ExportSummary {
  readonly items: number;
  readonly events: number;
  readonly blobs: number;
  readonly withheld: string[];
  readonly checkpoint: { size: number; root: string };
}

const README = `Salvo evidence bundle (${BUNDLE_FORMAT}).

Check it offline with nothing but Salvo installed:

    salvo verify-bundle THIS_FOLDER            (add --json for a machine-readable report)

It recomputes the SHA-256 of every file in blobs/, the hash and Ed25519 signature of every custody event in
events.jsonl (with the public keys in keys.json), each item's chain of events, the inclusion proof of every
event (proofs.json) against the signed checkpoint (checkpoint.json), and that checkpoint's consistency with
earlier ones. Compare the checkpoint's root and the key ids with the ones published independently
(salvo verify-bundle THIS_FOLDER --checkpoint PUBLISHED.txt). See docs/evidence.md.
`;

/**
 * Exports an incident's items: each gets an `exported` event (one transaction), the log is checkpointed, and
 * the bundle (originals, manifest, every event of every item with its signature, public keys, checkpoint,
 * inclusion proofs) is written to `sink`, which only appears at its destination once complete.
 */
export async function exportBundle(
  deps: EvidenceDeps,
  sink: BundleSink,
  input: ExportInput,
): Promise<ExportSummary> {
  try {
    const actor = actorName('--actor', input.actor);
    const who = await signingIdentity(deps.repo, deps.keys, actor);
    const all = await deps.repo.listItems({ incident: input.incident });
    if (all.length === 0) throw invalid('--incident', `no evidence items for incident '${input.incident}'`);
    const items = all.filter((i) => input.includeSealed || i.sensitivity !== 'sealed');
    const withheld = all.filter((i) => !items.includes(i)).map((i) => i.id);
    if (items.length === 0)
      throw invalid('--incident', `every item of '${input.incident}' is sealed (use --include-sealed)`);

    await deps.repo.transaction(async (tx) => {
      for (const i of items)
        await appendEvent(tx, deps, who, {
          item: i.id,
          event: 'exported',
          details: {
            bundle: input.bundleName,
            incident: input.incident,
            items: items.length,
            ...(input.recipient ? { recipient: input.recipient } : {}),
          },
        });
    });
    const earlierStored = await deps.repo.checkpoints();
    const cp = await createCheckpoint(deps, { actor });
    const { tree } = await loadTree(deps.repo, deps.hasher);
    const size = cp.checkpoint.record.size;

    const rowsByItem = new Map<string, EventRow[]>();
    for (const i of items)
      rowsByItem.set(
        i.id,
        (await deps.repo.eventRowsOfItem(i.id)).filter((r) => r.index < size),
      );
    const rows = [...rowsByItem.values()].flat().sort((a, b) => a.index - b.index);

    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      incident: input.incident,
      createdAt: cp.checkpoint.record.at,
      createdBy: actor,
      items: items.map((i) => ({
        id: i.id,
        kind: i.kind,
        media: i.media,
        sensitivity: i.sensitivity,
        title: i.title,
        sha256: i.sha256 ?? null,
        sizeBytes: i.sizeBytes ?? null,
        file: i.sha256 ? blobPathOf(i.sha256) : null,
        events: (rowsByItem.get(i.id) ?? []).map((r) => r.index),
      })),
      withheld,
    };
    const proofs: BundleProofs = {
      size,
      root: cp.checkpoint.record.root,
      inclusion: Object.fromEntries(
        rows.map((r) => [String(r.index), tree.inclusionProof(r.index, size).map(toHex)]),
      ),
    };
    const checkpoint: BundleCheckpoint = {
      text: cp.checkpoint.text,
      signature: cp.checkpoint.signature,
      earlier: earlierStored.flatMap((c) => {
        const p = parseCheckpoint(c.text);
        return p.ok && p.record.size <= size
          ? [
              {
                text: c.text,
                signature: c.signature,
                proof: tree.consistencyProof(p.record.size, size).map(toHex),
              },
            ]
          : [];
      }),
    };
    const keys = await deps.repo.keys();
    const blobs = new Set(items.flatMap((i) => (i.sha256 ? [i.sha256] : [])));
    for (const sha of blobs) await sink.copyBlob(sha, deps.blobs.pathOf(sha));
    await sink.writeText(
      BUNDLE_FILES.events,
      rows
        .map((r) => JSON.stringify({ index: r.index, hash: r.hash, signature: r.signature, record: r.text }))
        .join('\n') + '\n',
    );
    await sink.writeText(BUNDLE_FILES.manifest, JSON.stringify(manifest, null, 2) + '\n');
    await sink.writeText(BUNDLE_FILES.keys, JSON.stringify(keys, null, 2) + '\n');
    await sink.writeText(BUNDLE_FILES.checkpoint, JSON.stringify(checkpoint, null, 2) + '\n');
    await sink.writeText(BUNDLE_FILES.proofs, JSON.stringify(proofs) + '\n');
    await sink.writeText(BUNDLE_FILES.readme, README);
    await sink.commit();
    return {
      items: items.length,
      events: rows.length,
      blobs: blobs.size,
      withheld,
      checkpoint: { size, root: cp.checkpoint.record.root },
    };
  } catch (e) {
    await sink.abort();
    throw e;
  }
}
