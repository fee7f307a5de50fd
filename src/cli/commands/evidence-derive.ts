import { basename } from 'node:path';
import type { Command } from 'commander';
import { deriveItem } from '../../evidence/services/derive-item.js';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { withActOptions, withLocker, type EvidenceCliOptions } from './evidence-common.js';

interface DeriveOptions extends EvidenceCliOptions {
  actor: string;
  method: string;
  sensitivity?: string;
  media?: string;
  title?: string;
}

export function registerEvidenceDerive(evidence: Command, io: Io, setExit: (code: number) => void): void {
  withActOptions(
    evidence
      .command('derive')
      .description('add a working copy (crop, enhancement, transcript) of an item, linked by derived events')
      .argument('<parent>', 'the item it was made from')
      .argument('<file>', 'the derived file')
      .requiredOption('--method <text>', 'how it was made (tool, settings)')
      .option('--sensitivity <level>', 'public | restricted | sealed (never less than the parent)')
      .option('--media <kind>', 'photo | video | document | web_capture | other')
      .option('--title <text>', 'a short title'),
  ).action(async (parent: string, file: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<DeriveOptions>();
    setExit(
      await runCommand(io, Boolean(o.json), async () => {
        const r = await withLocker(o, (deps) =>
          deriveItem(deps, {
            parent,
            path: file,
            fileName: basename(file),
            actor: o.actor,
            method: o.method,
            sensitivity: o.sensitivity,
            media: o.media,
            title: o.title,
            at: o.at,
            place: o.place,
          }),
        );
        if (o.json) printJson(io, { id: r.id, sha256: r.sha256, parent, event: r.event });
        else io.out(`${r.id}  sha256 ${r.sha256}  (derived from ${parent})`);
        return EXIT.OK;
      }),
    );
  });
}
