import type { Command } from 'commander';
import { diffCatalogues, type Catalogue } from '../../identification/index.js';
import { DEFAULT_CATALOGUE, loadCatalogue } from '../../infra/catalogue/load.js';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import type { GlobalOptions, Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';

const range = (r: { min: number; max: number } | undefined, unit: string): string =>
  r ? (r.min === r.max ? `${r.min} ${unit}` : `${r.min}–${r.max} ${unit}`) : '—';

function findType(cat: Catalogue, id: string): Catalogue['types'][number] {
  const t = cat.types.find((x) => x.id === id);
  if (!t)
    throw new SalvoFailure(
      salvoError('NOT_FOUND', `no type '${id}' in catalogue ${cat.version}`, [
        { field: 'ID', reason: `known types: ${cat.types.map((x) => x.id).join(', ')}` },
      ]),
    );
  return t;
}

export function registerCatalogue(program: Command, io: Io, setExit: (code: number) => void): void {
  const cat = program
    .command('catalogue')
    .description(
      'the versioned, sourced reference catalogue of missile types (catalogue/salvo-catalogue.json)',
    );
  const json = (cmd: Command): boolean => Boolean(cmd.optsWithGlobals<GlobalOptions>().json);
  const file = (cmd: Command): string => cmd.optsWithGlobals<{ file?: string }>().file ?? DEFAULT_CATALOGUE;
  cat.option('--file <catalogue.json>', 'another catalogue file');

  cat
    .command('list')
    .description('types with class, origin, diameter, range and apogee envelopes')
    .action(async (_o: unknown, cmd: Command) => {
      setExit(
        await runCommand(io, json(cmd), async () => {
          const c = await loadCatalogue(file(cmd));
          if (json(cmd)) {
            printJson(io, {
              version: c.version,
              types: c.types.map((t) => ({
                id: t.id,
                name: t.name,
                class: t.class,
                originState: t.originState,
              })),
            });
          } else {
            io.out(`${c.name} — version ${c.version} (${c.date}), ${c.types.length} types`);
            for (const t of c.types)
              io.out(
                `  ${t.id.padEnd(18)} ${t.name.padEnd(34)} ${String(t.class).padEnd(16)} ${t.originState}  Ø ${range(t.bodyDiameterM, 'm')}  range ${range(t.rangeKm, 'km')}`,
              );
          }
          return EXIT.OK;
        }),
      );
    });

  cat
    .command('show')
    .argument('<id>', 'type id (see catalogue list)')
    .description('every figure of one type, with its sources')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      setExit(
        await runCommand(io, json(cmd), async () => {
          const c = await loadCatalogue(file(cmd));
          const t = findType(c, id);
          const sources = new Set<string>();
          JSON.stringify(t, (k, v: unknown) => {
            if (k === 'sources' && Array.isArray(v)) for (const s of v) sources.add(String(s));
            return v;
          });
          const cited = Object.fromEntries([...sources].map((s) => [s, c.sources[s]]));
          if (json(cmd)) printJson(io, { catalogueVersion: c.version, type: t, sources: cited });
          else {
            io.out(JSON.stringify(t, null, 2));
            io.out('\nSources:');
            for (const [k, s] of Object.entries(cited))
              io.out(
                `  [${k}] ${s?.title ?? '?'} — ${s?.publisher ?? ''}, ${s?.date ?? ''}${s?.url ? ` <${s.url}>` : ''}`,
              );
          }
          return EXIT.OK;
        }),
      );
    });

  cat
    .command('diff')
    .argument('<old>', 'older catalogue file')
    .argument('<new>', 'newer catalogue file')
    .description('types, fields, sources and aliases that changed between two catalogue files')
    .action(async (oldPath: string, newPath: string, _o: unknown, cmd: Command) => {
      setExit(
        await runCommand(io, json(cmd), async () => {
          const d = diffCatalogues(await loadCatalogue(oldPath), await loadCatalogue(newPath));
          if (json(cmd)) printJson(io, d);
          else io.out(JSON.stringify(d, null, 2));
          return EXIT.OK;
        }),
      );
    });

  cat
    .command('validate')
    .argument('[file]', 'catalogue file (default: the shipped one)')
    .description(
      'check a catalogue against the schema: every figure sourced, ranges ordered, no unknown field',
    )
    .action(async (f: string | undefined, _o: unknown, cmd: Command) => {
      setExit(
        await runCommand(io, json(cmd), async () => {
          const c = await loadCatalogue(f ?? file(cmd));
          if (json(cmd)) printJson(io, { ok: true, version: c.version, types: c.types.length });
          else
            io.out(
              `catalogue ${c.version}: valid (${c.types.length} types, ${Object.keys(c.sources).length} sources)`,
            );
          return EXIT.OK;
        }),
      );
    });
}
