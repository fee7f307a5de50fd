import { isDeepStrictEqual } from 'node:util';
import type { Command } from 'commander';
import { analysisRunStore } from '../../infra/cases/analysis-runs.js';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { replayReconstruction, type ReconstructionRun } from './reconstruct.js';

/** `salvo replay RUN`: re-runs a stored reconstruction from its stored input and says whether it is identical. */
export function registerReplay(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('replay')
    .argument('[run]', 'a stored run id (printed by `salvo reconstruct --incident`)')
    .option('--incident <id>', "the incident's latest stored reconstruction")
    .description(
      're-run a stored reconstruction and compare it with the stored result (exit 3 when it differs)',
    )
    .action(async (runId: string | undefined, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { incident?: string }>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          if (!runId && !opts.incident)
            throw new SalvoFailure(
              salvoError('INVALID_INPUT', 'give a run id or --incident ID', [
                { field: 'RUN', reason: 'missing' },
              ]),
            );
          const stored = await withStore(opts, async (store) => {
            const runs = analysisRunStore(store.db);
            return runId
              ? runs.get(runId)
              : (await runs.listForIncident(opts.incident!, 'reconstruction'))[0];
          });
          const id = stored?.id ?? runId ?? `latest reconstruction of ${opts.incident}`;
          if (!stored)
            throw new SalvoFailure(
              salvoError('NOT_FOUND', `no stored run '${id}'`, [{ field: 'RUN', reason: 'unknown run' }]),
            );
          if (stored.kind !== 'reconstruction')
            throw new SalvoFailure(
              salvoError('UNSUPPORTED', `run '${id}' is a ${stored.kind}; only reconstructions replay`),
            );
          const config = stored.config as ReconstructionRun['config'];
          const again = await replayReconstruction(stored.input, config);
          const identical = isDeepStrictEqual(JSON.parse(JSON.stringify(again.result)), stored.result);
          const report = {
            run: id,
            identical,
            inputSha256: stored.inputSha256,
            storedCatalogueVersion: config.catalogueVersion,
            currentCatalogueVersion: again.catalogueVersion,
          };
          if (opts.json) printJson(io, report);
          else
            io.out(
              identical
                ? `${id}: replayed bit-identically (input sha256 ${stored.inputSha256})`
                : `${id}: the replay DIFFERS from the stored result (catalogue ${config.catalogueVersion} then, ${again.catalogueVersion} now)`,
            );
          return identical ? EXIT.OK : EXIT.INTEGRITY;
        }),
      );
    });
}
