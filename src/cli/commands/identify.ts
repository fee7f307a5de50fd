import type { Command } from 'commander';
import { analysisRunStore } from '../../infra/cases/analysis-runs.js';
import { loadCatalogue } from '../../infra/catalogue/load.js';
import { readJsonFile } from '../../infra/files/read-json.js';
import { sha256Hex } from '../../infra/crypto/hash.js';
import {
  explainTopTwo,
  identifyDetailed,
  METHOD_VERSION,
  parseEvidence,
} from '../../identification/index.js';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import type { ReconstructionResult } from '../../reconstruction/index.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';

interface IdentifyCliOptions extends GlobalOptions {
  features?: string;
  incident?: string;
}

type FeatureJson = {
  features: Record<string, unknown>;
  types?: { id: string; logLikelihood: number }[];
  context?: Record<string, string>;
};

/**
 * The features a stored reconstruction supports: its profile figures (the sigmas are the defaults of the
 * identification module, because a profile figure's own uncertainty is not yet propagated) and its per-type
 * log-likelihoods.
 */
export function featuresFromReconstruction(r: ReconstructionResult): FeatureJson {
  return {
    features: {
      rangeKm: r.profile.groundRangeM / 1000,
      apogeeKm: r.profile.apogeeM / 1000,
      flightTimeS: r.profile.flightTimeS,
      maxSpeedMps: r.profile.maxSpeedMps,
      burnoutTimeS: r.profile.burnoutTimeS,
    },
    types: r.types.map((t) => ({ id: t.id, logLikelihood: t.logLikelihood })),
  };
}

export function registerIdentify(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('identify')
    .description("rank catalogue types for the evidence, with posteriors and each feature's contribution")
    .option(
      '--features <file.json>',
      '{"features": {NAME: VALUE | {"value": X, "sigma": S}}, "types"?, "context"?}',
    )
    .option(
      '--incident <id>',
      "use the incident's latest stored reconstruction and launch region; store the finding",
    )
    .addHelpText(
      'after',
      '\nFeatures: bodyDiameterM, lengthM, rangeKm, apogeeKm, flightTimeS, maxSpeedMps, burnoutTimeS (numbers in the unit\nof the name), markingScript (latin|cyrillic|hangul|other), manoeuvre (none|pull-up|glide),\njetVaneActuators (present|absent), launchRegion (ISO 3166-2).',
    )
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<IdentifyCliOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          if (!opts.features && !opts.incident)
            throw new SalvoFailure(
              salvoError('INVALID_INPUT', 'give --features FILE.json or --incident ID (or both)', [
                { field: '--features', reason: 'missing' },
              ]),
            );
          const cat = await loadCatalogue();
          const fromFile = opts.features ? ((await readJsonFile(opts.features)) as FeatureJson) : undefined;
          const run = async (
            input: FeatureJson,
            label: string,
          ): Promise<ReturnType<typeof identifyDetailed>> =>
            identifyDetailed(
              cat,
              (() => {
                const ev = parseEvidence(input, new Set(cat.types.map((t) => t.id)), label);
                if (!ev.ok) throw new SalvoFailure(ev.error);
                return ev.value;
              })(),
            );

          let input: FeatureJson;
          let findingId: string | undefined;
          let result: Awaited<ReturnType<typeof run>>;
          if (opts.incident) {
            const incident = opts.incident;
            const stored = await withStore(opts, async (store) => {
              const runs = analysisRunStore(store.db);
              if (!(await runs.incidentExists(incident)))
                throw new SalvoFailure(
                  salvoError('NOT_FOUND', `no incident '${incident}' in the store`, [
                    { field: '--incident', reason: 'unknown incident' },
                  ]),
                );
              const rec = (await runs.listForIncident(incident, 'reconstruction'))[0];
              const row = await store.db
                .selectFrom('incidents')
                .select(['launch_region_iso', 'model_claimed_raw'])
                .where('id', '=', incident)
                .executeTakeFirstOrThrow();
              return { rec, row };
            });
            const base: FeatureJson = stored.rec
              ? featuresFromReconstruction(stored.rec.result as ReconstructionResult)
              : { features: {} };
            input = {
              features: {
                ...base.features,
                ...(stored.row.launch_region_iso ? { launchRegion: stored.row.launch_region_iso } : {}),
                ...(fromFile?.features ?? {}),
              },
              ...((fromFile?.types ?? base.types) ? { types: fromFile?.types ?? base.types } : {}),
              ...(fromFile?.context ? { context: fromFile.context } : {}),
            };
            if (Object.keys(input.features).length === 0)
              throw new SalvoFailure(
                salvoError(
                  'INVALID_INPUT',
                  `incident '${incident}' has no stored reconstruction and no --features were given`,
                  [
                    {
                      field: '--incident',
                      reason:
                        'nothing to identify from: run `salvo reconstruct TRACK.csv --incident ID` or pass --features',
                    },
                  ],
                ),
              );
            result = await run(input, opts.features ?? `incident ${incident}`);
            if (!result.ok) throw new SalvoFailure(result.error);
            const value = result.value;
            const text = JSON.stringify(input);
            findingId = await withStore(opts, async (store) => {
              const id = `find_${sha256Hex(`${incident}\u001f${text}\u001f${cat.version}\u001f${Date.now()}`).slice(0, 20)}`;
              await analysisRunStore(store.db).save({
                id,
                kind: 'identification',
                incidentId: incident,
                createdAt: new Date().toISOString(),
                methodName: 'salvo-identify',
                methodVersion: METHOD_VERSION,
                config: {
                  catalogueVersion: cat.version,
                  nonePrior: value.nonePrior,
                  reconstructionRun: stored.rec?.id ?? null,
                },
                inputSha256: sha256Hex(text),
                input: text,
                result: {
                  candidates: value.candidates,
                  nonePosterior: value.nonePosterior,
                  catalogueVersion: value.catalogueVersion,
                },
              });
              return id;
            });
          } else {
            input = fromFile!;
            result = await run(input, opts.features!);
            if (!result.ok) throw new SalvoFailure(result.error);
          }
          const v = result.value;
          const out = {
            candidates: v.candidates,
            nonePosterior: v.nonePosterior,
            catalogueVersion: v.catalogueVersion,
          };
          if (opts.json) printJson(io, findingId ? { ...out, findingId } : out);
          else {
            io.out(`catalogue ${v.catalogueVersion}, method ${v.methodVersion}`);
            for (const c of v.candidates.slice(0, 6))
              io.out(`  ${(100 * c.posterior).toFixed(1).padStart(5)} %  ${c.name} [${c.id}]`);
            io.out(`  ${(100 * v.nonePosterior).toFixed(1).padStart(5)} %  none of the catalogue`);
            const why = explainTopTwo(out, v.evidence);
            if (why.length) io.out('\nWhy the top two differ:');
            for (const s of why) io.out(`  ${s}`);
            if (findingId) io.out(`\nstored as finding ${findingId} with incident ${opts.incident}`);
          }
          return EXIT.OK;
        }),
      );
    });
}
