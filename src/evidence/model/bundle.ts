import { z } from 'zod';
import { HEX64 } from './custody-event.js';

export const BUNDLE_FORMAT = 'salvo-bundle/1';

/** File names inside a bundle folder. Blobs are `blobs/<sha256>`. */
export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  events: 'events.jsonl',
  keys: 'keys.json',
  checkpoint: 'checkpoint.json',
  proofs: 'proofs.json',
  readme: 'README.txt',
} as const;

export const blobPathOf = (sha256: string): string => `blobs/${sha256}`;

const hex = z.string().regex(HEX64);

export const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  incident: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      media: z.string(),
      sensitivity: z.string(),
      title: z.string(),
      sha256: hex.nullable(),
      sizeBytes: z.number().int().nullable(),
      file: z.string().nullable(),
      events: z.array(z.number().int().nonnegative()),
    }),
  ),
  /** Items of the incident left out (sealed unless asked for), by id only. */
  withheld: z.array(z.string()),
});
export type BundleManifest = z.infer<typeof manifestSchema>;

export const bundleEventSchema = z.object({
  index: z.number().int().nonnegative(),
  hash: hex,
  signature: z.string(),
  /** The exact canonical record text that was hashed and signed. */
  record: z.string(),
});
export type BundleEvent = z.infer<typeof bundleEventSchema>;

export const bundleKeySchema = z.object({
  id: z.string(),
  actor: z.string(),
  algorithm: z.literal('ed25519'),
  publicKey: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
});

export const bundleCheckpointSchema = z.object({
  text: z.string(),
  signature: z.string(),
  /** Earlier checkpoints of the same log, each with the proof that this one extends it. */
  earlier: z.array(z.object({ text: z.string(), signature: z.string(), proof: z.array(hex) })),
});
export type BundleCheckpoint = z.infer<typeof bundleCheckpointSchema>;

export const proofsSchema = z.object({
  size: z.number().int().positive(),
  root: hex,
  /** Inclusion proof (audit path, hex, bottom up) per event log index. */
  inclusion: z.record(z.string(), z.array(hex)),
});
export type BundleProofs = z.infer<typeof proofsSchema>;
