import { isDeepStrictEqual } from 'node:util';
import type { Command } from 'commander';
import { analysisRunStore } from '../../infra/cases/analysis-runs.js';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { RECONSTRUCTION_METHOD } from '../../reconstruction/index.js';
import { replayReconstruction, type ReconstructionRun } from './reconstruct.js';

/** `salvo replay RUN`: re-runs a stored reconstruction from its stored input and says whether it is identical. */
export function registerReplay(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('replay')
    .argument('[run]', 'a stored run id (printed by `salvo reconstruct --incident`)')
    .option('--incident <id>', "the incident's latest stored reconstruction")
    .description(
      're-run a stored reconstruction and compare it with the stored result (exit 3 when it differs; 8 when it was stored by another method version)',
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
          // A run stored by another version of the method cannot be expected to replay to the bit: this Salvo
          // runs its own method. That is not an integrity failure (exit 3) but a replay this version cannot do
          // (exit 8, unless the result happens to be identical).
          const methodChanged = stored.methodVersion !== RECONSTRUCTION_METHOD.version;
          const report = {
            run: id,
            identical,
            inputSha256: stored.inputSha256,
            storedMethodVersion: stored.methodVersion,
            currentMethodVersion: RECONSTRUCTION_METHOD.version,
            storedCatalogueVersion: config.catalogueVersion,
            currentCatalogueVersion: again.catalogueVersion,
          };
          if (opts.json) printJson(io, report);
          else
            io.out(
              identical
                ? `${id}: replayed bit-identically (input sha256 ${stored.inputSha256})`
                : methodChanged
                  ? `${id}: stored by reconstruction method ${stored.methodVersion}; this Salvo runs ${RECONSTRUCTION_METHOD.version} and cannot replay it bit-identically (the results differ; replay it with the Salvo release of method ${stored.methodVersion})`
                  : `${id}: the replay DIFFERS from the stored result (catalogue ${config.catalogueVersion} then, ${again.catalogueVersion} now)`,
            );
          return identical ? EXIT.OK : methodChanged ? EXIT.UNSUPPORTED : EXIT.INTEGRITY;
        }),
      );
    });
}
