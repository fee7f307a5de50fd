import type { Command } from 'commander';
import { createCheckpoint } from '../../evidence/services/create-checkpoint.js';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { actorOrDefault, withLocker, withLockerOptions, type EvidenceCliOptions } from './evidence-common.js';

export function registerCheckpoint(program: Command, io: Io, setExit: (code: number) => void): void {
  withLockerOptions(
    program
      .command('checkpoint')
      .description('sign the Merkle tree head of the custody log (publish it; proofs are checked against it)')
      .option('--actor <name>', 'who signs (default $SALVO_ACTOR, or the only local key)')
      .option('--list', 'list the stored checkpoints instead of making one'),
  ).action(async (_o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<EvidenceCliOptions & { list?: boolean }>();
    setExit(
      await runCommand(io, Boolean(o.json), async () => {
        if (o.list) {
          const cps = await withLocker(o, (deps) => deps.repo.checkpoints());
          const out = cps.map((c) => ({ ...(JSON.parse(c.text) as object), signature: c.signature }));
          if (o.json) printJson(io, { checkpoints: out });
          else for (const c of cps) io.out(`${c.text}  signature ${c.signature}`);
          return EXIT.OK;
        }
        const r = await withLocker(o, async (deps) =>
          createCheckpoint(deps, { actor: await actorOrDefault(deps, o.actor) }),
        );
        const published = { ...r.checkpoint.record, signature: r.checkpoint.signature };
        if (o.json)
          printJson(io, {
            ok: true,
            checkpoint: published,
            text: r.checkpoint.text,
            consistency: r.consistency ?? null,
          });
        else {
          io.out(`checkpoint: ${r.checkpoint.record.size} events, root ${r.checkpoint.record.root}`);
          io.out(`publish this line (signed text, then signature):`);
          io.out(`${r.checkpoint.text} ${r.checkpoint.signature}`);
          if (r.consistency)
            io.out(
              `extends the previous checkpoint (size ${r.consistency.fromSize}): consistency proof verified`,
            );
        }
        return EXIT.OK;
      }),
    );
  });
}
