import { basename } from 'node:path';
import type { Command } from 'commander';
import { folderBundleSink } from '../../infra/evidence/bundle-fs.js';
import { exportBundle } from '../../evidence/services/export-bundle.js';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { actorOrDefault, withLocker, withLockerOptions, type EvidenceCliOptions } from './evidence-common.js';
import { registerExportMaps } from './export-maps.js';

interface ExportOptions extends EvidenceCliOptions {
  incident: string;
  to?: string;
  includeSealed?: boolean;
}

/** `salvo export bundle`: a self-verifying evidence bundle for one incident. */
export function registerExport(program: Command, io: Io, setExit: (code: number) => void): void {
  const exp = program
    .command('export')
    .description('export evidence bundles, and incidents as maps and tables (geojson, kml, csv)');
  withLockerOptions(
    exp
      .command('bundle')
      .description(
        "write an incident's items, custody events, signatures, keys, checkpoint and proofs to OUT",
      )
      .argument('<out>', 'a new folder')
      .requiredOption('--incident <id>', 'the incident')
      .option('--actor <name>', 'who exports (default $SALVO_ACTOR, or the only local key)')
      .option('--to <recipient>', 'who the bundle is for (recorded in the exported events)')
      .option('--include-sealed', 'also export sealed items (left out by default)'),
  )
    .addHelpText('after', '\nCheck it anywhere with: salvo verify-bundle OUT')
    .action(async (out: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<ExportOptions>();
      setExit(
        await runCommand(io, Boolean(o.json), async () => {
          const r = await withLocker(o, async (deps) => {
            const actor = await actorOrDefault(deps, o.actor);
            const sink = await folderBundleSink(out);
            return exportBundle(deps, sink, {
              incident: o.incident,
              actor,
              bundleName: basename(out),
              recipient: o.to,
              includeSealed: Boolean(o.includeSealed),
            });
          });
          if (o.json) printJson(io, { ok: true, out, ...r });
          else {
            io.out(
              `${out}: ${r.items} items, ${r.events} events, ${r.blobs} files; checkpoint size ${r.checkpoint.size}, root ${r.checkpoint.root}`,
            );
            if (r.withheld.length) io.out(`withheld (sealed): ${r.withheld.join(', ')}`);
          }
          return EXIT.OK;
        }),
      );
    });
  registerExportMaps(exp, io, setExit);
}
