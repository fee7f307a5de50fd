import type { Command } from 'commander';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { findSimilar } from '../../evidence/services/find-similar.js';
import { showItem } from '../../evidence/services/show-item.js';
import { itemSummary } from '../../evidence/model/description.js';
import { isSensitivity } from '../../evidence/model/sensitivity.js';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { num, withLocker, withLockerOptions, type EvidenceCliOptions } from './evidence-common.js';

interface ListOptions extends EvidenceCliOptions {
  incident?: string;
  kind?: string;
  media?: string;
  sensitivity?: string;
}

export function registerEvidenceShow(evidence: Command, io: Io, setExit: (code: number) => void): void {
  withLockerOptions(
    evidence
      .command('show')
      .description('an item, its custody history and its verification record')
      .argument('<id>', 'item id'),
  ).action(async (id: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<EvidenceCliOptions>();
    setExit(
      await runCommand(io, Boolean(o.json), async () => {
        const v = await withLocker(o, (deps) => showItem(deps.repo, id));
        if (o.json) printJson(io, v);
        else {
          const i = v.item;
          io.out(itemSummary(i));
          io.out(
            `  incident ${i.incident}; custodian ${i.custody.custodian}${i.custody.location ? ` at ${i.custody.location}` : ''}`,
          );
          if (i.sha256)
            io.out(`  sha256 ${i.sha256}  ${i.sizeBytes} bytes  ${i.fileName ?? ''}  ${i.mimeType ?? ''}`);
          if (i.url)
            io.out(`  captured from ${i.url} at ${i.capturedAt ?? '?'} with ${i.captureTool ?? '?'}`);
          if (i.custody.sealNumber)
            io.out(
              `  seal ${i.custody.sealNumber}${i.custody.bagNumber ? `, bag ${i.custody.bagNumber}` : ''}`,
            );
          if (i.foundAt) io.out(`  found ${JSON.stringify(i.foundAt)}`);
          if (i.parent) io.out(`  derived from ${i.parent}`);
          if (i.depicts) io.out(`  depicts ${i.depicts}`);
          if (i.perceptualHash) io.out(`  perceptual hash ${i.perceptualHash}`);
          io.out('  custody log:');
          for (const e of v.events)
            io.out(
              `    #${e.index} ${e.at} ${e.event.padEnd(11)} ${e.actor}${e.place ? ` @ ${e.place}` : ''}  ${JSON.stringify(e.details).slice(0, 160)}`,
            );
          for (const r of v.verifications)
            io.out(`  ${r.strand}: ${r.conclusion} by ${r.reviewer} (${r.at}): ${r.notes}`);
        }
        return EXIT.OK;
      }),
    );
  });

  withLockerOptions(
    evidence
      .command('list')
      .description('items, filtered')
      .option('--incident <id>', 'of one incident')
      .option('--kind <kind>', 'digital | physical')
      .option('--media <m>', 'photo, video, document, web_capture, other, fragment, debris')
      .option('--sensitivity <level>', 'public | restricted | sealed'),
  ).action(async (_o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<ListOptions>();
    setExit(
      await runCommand(io, Boolean(o.json), async () => {
        if (o.kind !== undefined && o.kind !== 'digital' && o.kind !== 'physical')
          throw new SalvoFailure(
            salvoError('INVALID_INPUT', `--kind '${o.kind}' is not digital or physical`),
          );
        if (o.sensitivity !== undefined && !isSensitivity(o.sensitivity))
          throw new SalvoFailure(
            salvoError(
              'INVALID_INPUT',
              `--sensitivity '${o.sensitivity}' is not public, restricted or sealed`,
            ),
          );
        const items = await withLocker(o, (deps) =>
          deps.repo.listItems({
            incident: o.incident,
            kind: o.kind as 'digital' | 'physical' | undefined,
            media: o.media as never,
            sensitivity: o.sensitivity as never,
          }),
        );
        if (o.json) printJson(io, { items });
        else if (items.length === 0) io.out('no items');
        else for (const i of items) io.out(`${itemSummary(i)}  [${i.incident}]`);
        return EXIT.OK;
      }),
    );
  });

  withLockerOptions(
    evidence
      .command('similar')
      .description('photos that look like this one (perceptual hash), nearest first')
      .argument('<id>', 'a photo item')
      .option('--max-distance <bits>', 'at most this many of 64 bits differ (default 10)'),
  ).action(async (id: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<EvidenceCliOptions & { maxDistance?: string }>();
    setExit(
      await runCommand(io, Boolean(o.json), async () => {
        const max = o.maxDistance === undefined ? 10 : num(o.maxDistance);
        const found = await withLocker(o, (deps) => findSimilar(deps.repo, id, max));
        if (o.json)
          printJson(io, {
            item: id,
            similar: found.map((f) => ({ id: f.item.id, distance: f.distance, title: f.item.title })),
          });
        else if (found.length === 0) io.out(`nothing within ${max} bits of ${id}`);
        else for (const f of found) io.out(`${f.distance.toString().padStart(2)}  ${itemSummary(f.item)}`);
        return EXIT.OK;
      }),
    );
  });
}
