import { invalid } from '../errors.js';
import {
  checkpointText,
  CHECKPOINT_FORMAT,
  type CheckpointRecord,
  type SignedCheckpoint,
} from '../model/checkpoint.js';
import { parseCheckpoint } from '../model/checkpoint-schema.js';
import { fromHex, toHex, verifyConsistency } from '../model/merkle.js';
import type { EvidenceDeps } from './deps.js';
import { actorName } from './inputs.js';
import { loadTree } from './load-tree.js';
import { signingIdentity } from './signing.js';

export interface CheckpointResult {
  readonly checkpoint: SignedCheckpoint;
  /** From the previous checkpoint, when there is one: the proof that this log extends it (verified). */
  readonly consistency?: { readonly fromSize: number; readonly fromRoot: string; readonly proof: string[] };
}

/**
 * Signs the current Merkle tree head. When an earlier checkpoint exists, also proves (and checks) that the
 * log still extends it, so a rewritten log cannot be checkpointed silently.
 */
export async function createCheckpoint(
  deps: EvidenceDeps,
  input: { actor: string },
): Promise<CheckpointResult> {
  const who = await signingIdentity(deps.repo, deps.keys, actorName('--actor', input.actor));
  const { tree, merkle, first } = await loadTree(deps.repo, deps.hasher);
  if (!first) throw invalid('log', 'the custody log is empty: nothing to checkpoint');
  const previous = (await deps.repo.checkpoints()).at(-1);
  let consistency: CheckpointResult['consistency'];
  if (previous) {
    const prev = parseCheckpoint(previous.text);
    if (!prev.ok)
      throw invalid('checkpoint', `the previous checkpoint is unreadable (${prev.reason}); run salvo verify`);
    const { size, root } = prev.record;
    if (size > tree.size || toHex(tree.root(size)) !== root)
      throw invalid(
        'log',
        `the log no longer extends the previous checkpoint (size ${size}, root ${root}); run salvo verify`,
      );
    const proof = tree.consistencyProof(size);
    const ok = verifyConsistency(merkle, {
      first: size,
      second: tree.size,
      firstRoot: fromHex(root),
      secondRoot: tree.root(),
      proof,
    });
    if (!ok) throw new Error('consistency proof failed to verify against its own tree (a bug)');
    consistency = { fromSize: size, fromRoot: root, proof: proof.map(toHex) };
  }
  const record: CheckpointRecord = {
    actor: who.actor,
    at: deps.clock.nowIso(),
    format: CHECKPOINT_FORMAT,
    key: who.key.id,
    log: first.hash,
    root: toHex(tree.root()),
    size: tree.size,
  };
  const text = checkpointText(record);
  const signature = await deps.keys.sign(who.key.id, text);
  const checkpoint: SignedCheckpoint = { record, text, signature };
  await deps.repo.transaction((tx) => tx.insertCheckpoint(checkpoint));
  return consistency ? { checkpoint, consistency } : { checkpoint };
}
