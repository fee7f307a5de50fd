import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { folderBundleSource } from '../../infra/evidence/bundle-fs.js';
import { nodeHasher, nodeSignatureVerifier } from '../../infra/evidence/node-crypto.js';
import { verifyBundle, type PublishedCheckpoint } from '../../evidence/services/verify-bundle.js';
import type { GlobalOptions, Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';

/** A published checkpoint: the line `salvo checkpoint` prints (text, space, signature) or its --json. */
async function readPublished(file: string): Promise<PublishedCheckpoint> {
  let raw: string;
  try {
    raw = (await readFile(file, 'utf8')).trim();
  } catch (e) {
    throw new SalvoFailure(salvoError('NOT_FOUND', `cannot read ${file}: ${(e as Error).message}`));
  }
  const line = /^(\{.*\})\s+([A-Za-z0-9+/=]+)$/.exec(raw);
  if (line) return { text: line[1]!, signature: line[2]! };
  try {
    const j = JSON.parse(raw) as { text?: unknown; checkpoint?: { signature?: unknown } };
    if (typeof j.text === 'string' && typeof j.checkpoint?.signature === 'string')
      return { text: j.text, signature: j.checkpoint.signature };
  } catch {
    // fall through
  }
  throw new SalvoFailure(
    salvoError('INVALID_INPUT', `${file} is not a checkpoint printed by salvo checkpoint`),
  );
}

export function registerVerifyBundle(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('verify-bundle')
    .description('check an exported bundle offline: files, events, signatures, chains, proofs, checkpoint')
    .argument('<bundle>', 'the bundle folder')
    .option('--checkpoint <file>', 'a checkpoint published independently: the bundle must agree with it')
    .addHelpText('after', '\nExit codes: 0 intact; 3 anything wrong; 4 no such folder.')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions & { checkpoint?: string }>();
      setExit(
        await runCommand(io, Boolean(o.json), async () => {
          const src = await folderBundleSource(dir);
          const published = o.checkpoint ? await readPublished(o.checkpoint) : undefined;
          const r = await verifyBundle(
            src,
            { hasher: nodeHasher, verifier: nodeSignatureVerifier() },
            published ? { published } : {},
          );
          if (o.json) printJson(io, r);
          else {
            io.out(
              `${r.ok ? 'intact' : 'NOT INTACT'}: incident ${r.incident ?? '?'}, ${r.items} items, ${r.events} events, ${r.blobs} files`,
            );
            if (r.checkpoint)
              io.out(
                `checkpoint: size ${r.checkpoint.size}, root ${r.checkpoint.root}, signed by ${r.checkpoint.actor} (${r.checkpoint.key}) at ${r.checkpoint.at}`,
              );
            io.out(`keys: ${r.keys.map((k) => `${k.actor}=${k.id}`).join(', ')}`);
            if (!published)
              io.out(
                'compare the checkpoint root and the key ids with the published ones (or pass --checkpoint FILE)',
              );
            for (const p of r.problems)
              io.out(`  problem: ${p.item ?? '-'} event ${p.event ?? '-'}: ${p.what}`);
          }
          return r.ok ? EXIT.OK : EXIT.INTEGRITY;
        }),
      );
    });
}
