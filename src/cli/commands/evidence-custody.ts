import type { Command } from 'commander';
import { annotateItem } from '../../evidence/services/annotate-item.js';
import { examineItem } from '../../evidence/services/examine-item.js';
import { reviewItem } from '../../evidence/services/review-item.js';
import { sealItem } from '../../evidence/services/seal-item.js';
import { transferItem } from '../../evidence/services/transfer-item.js';
import type { Io } from '../context.js';
import { eventAction, withActOptions } from './evidence-common.js';

const s = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** transfer, seal, examine, annotate, review: one signed custody event each. */
export function registerEvidenceCustody(evidence: Command, io: Io, setExit: (code: number) => void): void {
  withActOptions(
    evidence
      .command('transfer')
      .description('hand an item to a new custodian (a registered actor)')
      .argument('<id>', 'item id')
      .requiredOption('--to <name>', 'the new custodian')
      .option('--location <text>', 'where it is kept from now on')
      .option('--reason <text>', 'why (lab analysis, court, storage)'),
  ).action(
    eventAction(io, setExit, (o, deps, [id]) =>
      transferItem(deps, {
        item: id!,
        actor: s(o.actor)!,
        to: s(o['to'])!,
        location: s(o['location']),
        reason: s(o['reason']),
        at: o.at,
        place: o.place,
      }),
    ),
  );
  withActOptions(
    evidence
      .command('seal')
      .description('(re)seal a physical item under a seal (and bag) number')
      .argument('<id>', 'item id')
      .requiredOption('--seal <number>', 'the new seal number')
      .option('--bag <number>', 'the new bag number')
      .option('--note <text>', 'why (after examination, damaged seal)'),
  ).action(
    eventAction(io, setExit, (o, deps, [id]) =>
      sealItem(deps, {
        item: id!,
        actor: s(o.actor)!,
        seal: s(o['seal'])!,
        bag: s(o['bag']),
        note: s(o['note']),
        at: o.at,
        place: o.place,
      }),
    ),
  );
  withActOptions(
    evidence
      .command('examine')
      .description('record an examination and what it found')
      .argument('<id>', 'item id')
      .requiredOption('--note <text>', 'what was found')
      .option('--method <text>', 'how (visual, measurement, X-ray, metallurgy)'),
  ).action(
    eventAction(io, setExit, (o, deps, [id]) =>
      examineItem(deps, {
        item: id!,
        actor: s(o.actor)!,
        note: s(o['note'])!,
        method: s(o['method']),
        at: o.at,
        place: o.place,
      }),
    ),
  );
  withActOptions(
    evidence
      .command('annotate')
      .description("add a note to an item's log (the item never changes)")
      .argument('<id>', 'item id')
      .requiredOption('--note <text>', 'the note'),
  ).action(
    eventAction(io, setExit, (o, deps, [id]) =>
      annotateItem(deps, { item: id!, actor: s(o.actor)!, note: s(o['note'])!, at: o.at, place: o.place }),
    ),
  );
  withActOptions(
    evidence
      .command('review')
      .description('sign off one verification strand (Berkeley Protocol: source, technical, content)')
      .argument('<id>', 'item id')
      .requiredOption('--strand <strand>', 'source | technical | content')
      .requiredOption('--conclusion <c>', 'verified | inconclusive | refuted')
      .requiredOption('--notes <text>', 'the analysis'),
  ).action(
    eventAction(io, setExit, (o, deps, [id]) =>
      reviewItem(deps, {
        item: id!,
        actor: s(o.actor)!,
        strand: s(o['strand'])!,
        conclusion: s(o['conclusion'])!,
        notes: s(o['notes'])!,
        at: o.at,
        place: o.place,
      }),
    ),
  );
}
