import type { Command } from 'commander';
import { registryStore } from '../../infra/registry/kysely-registry-store.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';

export function registerSources(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('sources')
    .description('list every imported file with its SHA-256, importer version and row counts')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          const sources = await withStore(opts, (store) => registryStore(store).listSources());
          if (opts.json) printJson(io, { sources });
          else if (sources.length === 0) io.out('no sources imported yet (try: salvo import airforce FILE)');
          else
            for (const s of sources)
              io.out(
                `${s.id}  ${s.kind.padEnd(9)} ${s.fileName}  ${s.rowsImported}/${s.rowsRead} rows  ${s.importer}@${s.importerVersion}  ${s.importedAt}  sha256:${s.sha256}`,
              );
          return EXIT.OK;
        }),
      );
    });
}
