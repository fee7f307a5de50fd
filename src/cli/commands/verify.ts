import type { Command } from 'commander';
import { nodeSignatureVerifier } from '../../infra/evidence/node-crypto.js';
import { verifyStore } from '../../evidence/services/verify-store.js';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { withLocker, withLockerOptions, type EvidenceCliOptions } from './evidence-common.js';

export function registerVerify(program: Command, io: Io, setExit: (code: number) => void): void {
  withLockerOptions(
    program
      .command('verify')
      .description('recompute every blob hash, the custody chain, every signature and the Merkle root')
      .option('--item <id>', 'only this item: its events, signatures and blob'),
  )
    .addHelpText(
      'after',
      `
--json prints {"ok", "problems": [{"item", "event", "what"}], "notes", "checked", "root", "size"}.
Exit codes: 0 intact; 3 anything wrong (each problem names the item, the event's log index and what differs).`,
    )
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<EvidenceCliOptions & { item?: string }>();
      setExit(
        await runCommand(io, Boolean(o.json), async () => {
          const r = await withLocker(o, (deps) =>
            verifyStore(
              { ...deps, verifier: nodeSignatureVerifier() },
              o.item === undefined ? {} : { item: o.item },
            ),
          );
          if (o.json) printJson(io, r);
          else {
            const c = r.checked;
            io.out(
              `${r.ok ? 'intact' : 'NOT INTACT'}: ${c.items} items, ${c.events} events, ${c.signatures} signatures, ${c.blobs} blobs, ${c.checkpoints} checkpoints` +
                (r.root ? `; Merkle root ${r.root} (size ${r.size})` : ''),
            );
            for (const p of r.problems)
              io.out(`  problem: ${p.item ?? '-'} event ${p.event ?? '-'}: ${p.what}`);
            for (const n of r.notes) io.out(`  note: ${n}`);
          }
          return r.ok ? EXIT.OK : EXIT.INTEGRITY;
        }),
      );
    });
}
