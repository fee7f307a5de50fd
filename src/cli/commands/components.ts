import type { Command } from 'commander';
import { sha256File } from '../../infra/crypto/hash.js';
import { csvRecords } from '../../infra/files/csv-records.js';
import { readUtf8Chunks } from '../../infra/files/utf8-chunks.js';
import { kyselyTracingRepository } from '../../infra/evidence/kysely-tracing-repository.js';
import { addComponents } from '../../tracing/services/add-components.js';
import { componentSummary } from '../../tracing/services/component-summary.js';
import { importComponents, COMPONENT_COLUMNS } from '../../tracing/services/import-components.js';
import type { Component } from '../../tracing/model/component.js';
import type { Calendar } from '../../tracing/model/date-code.js';
import type { TracingDeps } from '../../tracing/services/deps.js';
import type { Store } from '../../infra/db/database.js';
import type { EvidenceDeps } from '../../evidence/services/deps.js';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { num, withLocker, withLockerOptions, type EvidenceCliOptions } from './evidence-common.js';

export const tracingDeps = (deps: EvidenceDeps, store: Store): TracingDeps => ({
  tracing: kyselyTracingRepository(store.db),
  keys: deps.keys,
  hasher: deps.hasher,
  clock: deps.clock,
});

const line = (c: Component): string =>
  `${c.id}  ${c.item}  ${c.manufacturer ?? c.manufacturerRaw ?? '?'}${c.country ? ` (${c.country})` : ''}  ${c.partNumber ?? ''}  ` +
  `'${c.marking}'${c.dateCode ? `  ${c.dateCode.raw} = ${c.dateCode.from}..${c.dateCode.to} (${c.dateCode.confidence})` : c.dateCodeRaw ? `  ${c.dateCodeRaw} (unread)` : ''}`;

export function registerComponents(program: Command, io: Io, setExit: (code: number) => void): void {
  const comp = program
    .command('components')
    .description('components recovered from fragments: makers, countries, date codes');
  withLockerOptions(
    comp
      .command('add')
      .description('record one component of a physical item (a signed examined event)')
      .argument('<item>', 'the physical item it was recovered from')
      .requiredOption('--marking <text>', 'the marking as read, verbatim')
      .requiredOption('--actor <name>', 'who read it')
      .option('--manufacturer <name>', 'maker as marked or identified')
      .option('--part <number>', 'part number')
      .option('--lot <lot>', 'lot code')
      .option('--date-code <code>', 'date code as marked (YYWW, YWW, YYYYWW, Juche year)')
      .option('--calendar <c>', 'auto | gregorian | juche (a DPRK-made part)')
      .option('--notes <text>', 'notes'),
  ).action(async (item: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<EvidenceCliOptions & Record<string, string | undefined>>();
    setExit(
      await runCommand(io, Boolean(o.json), async () => {
        const added = await withLocker(o, (deps, store) =>
          addComponents(tracingDeps(deps, store), {
            item,
            actor: o.actor!,
            components: [
              {
                marking: o['marking'] ?? '',
                manufacturer: o['manufacturer'],
                partNumber: o['part'],
                lot: o['lot'],
                dateCode: o['dateCode'],
                calendar: o['calendar'] as Calendar | undefined,
                notes: o['notes'],
              },
            ],
          }),
        );
        if (o.json) printJson(io, { ok: true, components: added });
        else for (const c of added) io.out(line(c));
        return EXIT.OK;
      }),
    );
  });

  withLockerOptions(
    comp
      .command('import')
      .description(
        `import a component list (CSV with a header: ${COMPONENT_COLUMNS.join(', ')}) in one transaction`,
      )
      .argument('<file>', 'the CSV file')
      .requiredOption('--actor <name>', 'who records them')
      .option('--item <id>', 'the physical item, when the file has no item column'),
  ).action(async (file: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<EvidenceCliOptions & { item?: string; actor: string }>();
    setExit(
      await runCommand(io, Boolean(o.json), async () => {
        const { sha256 } = await sha256File(file);
        const added = await withLocker(o, (deps, store) =>
          importComponents(tracingDeps(deps, store), {
            file,
            sha256,
            records: csvRecords(readUtf8Chunks(file).chunks, { label: file }),
            item: o.item,
            actor: o.actor,
          }),
        );
        if (o.json) printJson(io, { ok: true, imported: added.length, components: added });
        else io.out(`${file}: ${added.length} components recorded`);
        return EXIT.OK;
      }),
    );
  });

  withLockerOptions(
    comp
      .command('summary')
      .description('counts by manufacturer and by country, and the earliest possible assembly date')
      .option('--item <id>', 'one fragment')
      .option('--incident <id>', 'all fragments of an incident')
      .option(
        '--min-confidence <p>',
        'date codes below this confidence are left out (default 0.6: decade-ambiguous YWW codes are left out)',
      ),
  ).action(async (_o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<
      EvidenceCliOptions & { item?: string; incident?: string; minConfidence?: string }
    >();
    setExit(
      await runCommand(io, Boolean(o.json), async () => {
        const s = await withLocker(o, (deps, store) =>
          componentSummary(
            tracingDeps(deps, store).tracing,
            { item: o.item, incident: o.incident },
            o.minConfidence ? num(o.minConfidence) : 0.6,
          ),
        );
        if (o.json) printJson(io, s);
        else {
          io.out(`${s.components} components`);
          io.out('by manufacturer:');
          for (const r of s.byManufacturer)
            io.out(
              `  ${r.key}${r.country ? ` (${r.country})` : ''}: ${r.count} (${(100 * r.share).toFixed(1)} %), ${r.dated} dated`,
            );
          io.out('by country of headquarters:');
          for (const r of s.byCountry) io.out(`  ${r.key}: ${r.count} (${(100 * r.share).toFixed(1)} %)`);
          io.out(
            s.earliestAssembly ? s.earliestAssembly.sentence : 'no usable date codes: no assembly bound',
          );
          for (const e of s.earliestAssembly?.excluded ?? []) io.out(`  left out ${e.id}: ${e.reason}`);
        }
        return EXIT.OK;
      }),
    );
  });
}
