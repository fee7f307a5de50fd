import type { Command } from 'commander';
import { createKey } from '../../evidence/services/create-key.js';
import type { GlobalOptions, Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { withLocker, withLockerOptions, type EvidenceCliOptions } from './evidence-common.js';

export function registerKey(program: Command, io: Io, setExit: (code: number) => void): void {
  const key = program
    .command('key')
    .description('the key registry: who signs custody events, with which key, since when');
  withLockerOptions(
    key
      .command('create')
      .description('make an Ed25519 key pair for an actor; the public key is registered from now on')
      .requiredOption('--actor <name>', 'the person or organisation who will sign with it'),
  ).action(async (_o: unknown, cmd: Command) => {
    const opts = cmd.optsWithGlobals<EvidenceCliOptions & { actor: string }>();
    setExit(
      await runCommand(io, Boolean(opts.json), async () => {
        const k = await withLocker(opts, (deps) => createKey(deps, { actor: opts.actor }));
        if (opts.json) printJson(io, { ok: true, ...k });
        else {
          io.out(`key ${k.id} for '${k.actor}', valid from ${k.validFrom}`);
          io.out(`public key (Ed25519, raw, base64): ${k.publicKey}`);
          if (k.replaced.length) io.out(`replaces ${k.replaced.join(', ')} (valid until ${k.validFrom})`);
        }
        return EXIT.OK;
      }),
    );
  });
  withLockerOptions(key.command('list').description('every registered public key')).action(
    async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<EvidenceCliOptions & GlobalOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          const rows = await withLocker(opts, async (deps) =>
            Promise.all(
              (await deps.repo.keys()).map(async (k) => ({
                ...k,
                privateKeyHere: await deps.keys.has(k.id).catch(() => false),
              })),
            ),
          );
          if (opts.json) printJson(io, { keys: rows });
          else if (rows.length === 0) io.out('no keys yet (salvo key create --actor NAME)');
          else
            for (const k of rows)
              io.out(
                `${k.id}  ${k.actor}  ${k.validFrom} .. ${k.validUntil ?? 'now'}${k.privateKeyHere ? '  (private key here)' : ''}`,
              );
          return EXIT.OK;
        }),
      );
    },
  );
}
