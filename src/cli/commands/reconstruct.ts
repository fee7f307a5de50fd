import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { analysisRunStore } from '../../infra/cases/analysis-runs.js';
import {
  replayReconstruction,
  templatesOf,
  type ReconstructionConfig,
} from '../../infra/cases/replay-reconstruction.js';
import { loadCatalogue } from '../../infra/catalogue/load.js';
import { readJsonFile } from '../../infra/files/read-json.js';
import { sha256Hex } from '../../infra/crypto/hash.js';
import { atomicWriteFileSync } from '../../infra/files/atomic-write.js';
import {
  motorTemplateSchema,
  salvoError,
  SalvoFailure,
  type MotorTemplate,
  type Problem,
} from '../../kernel/index.js';
import {
  parseTrackCsv,
  reconstructDetailed,
  reconstructionGeoJson,
  RECONSTRUCTION_METHOD,
  type ReconstructionResult,
} from '../../reconstruction/index.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, reportError, runCommand } from '../run.js';

interface ReconstructCliOptions extends GlobalOptions {
  type?: string;
  template?: string;
  geojson?: string;
  incident?: string;
}

async function templateFromFile(path: string): Promise<MotorTemplate> {
  const r = motorTemplateSchema.safeParse(await readJsonFile(path));
  if (r.success) return r.data;
  const problems: Problem[] = r.error.issues.map((i) => ({
    file: path,
    field: i.path.join('.') || '(root)',
    reason: i.message,
  }));
  throw new SalvoFailure(salvoError('INVALID_INPUT', `${path} is not a motor template`, problems));
}

export interface ReconstructionRun {
  readonly result: ReconstructionResult & { readonly inputSha256: string };
  readonly config: ReconstructionConfig;
}

/** Parses a track and reconstructs it; pure apart from reading the catalogue/template files. */
export async function runReconstruction(
  trackText: string,
  trackLabel: string,
  opts: { type?: string; template?: string },
): Promise<
  ReconstructionRun & {
    details: Awaited<ReturnType<typeof reconstructDetailed>>;
    track: ReturnType<typeof parseTrackCsv>;
  }
> {
  const cat = await loadCatalogue();
  const candidates = templatesOf(cat);
  let templateId: string;
  let template: MotorTemplate;
  if (opts.template) {
    template = await templateFromFile(opts.template);
    templateId = 'template';
  } else {
    const id = opts.type ?? 'hwasong-11ga';
    const c = candidates.find((x) => x.id === id);
    if (!c) {
      const known = cat.types.find((t) => t.id === id);
      throw new SalvoFailure(
        salvoError(
          known ? 'UNSUPPORTED' : 'NOT_FOUND',
          known
            ? `catalogue type '${id}' has no motor template (no public figures)`
            : `no catalogue type '${id}'`,
          [
            {
              field: '--type',
              reason: `types with a motor template: ${candidates.map((x) => x.id).join(', ')}; or give --template FILE.json`,
            },
          ],
        ),
      );
    }
    template = c.template;
    templateId = id;
  }
  const track = parseTrackCsv(trackText, trackLabel);
  if (!track.ok) throw new SalvoFailure(track.error);
  const details = reconstructDetailed(track.value, {
    template,
    templateId,
    candidates: candidates.filter((c) => c.id !== templateId),
  });
  if (!details.ok) throw new SalvoFailure(details.error);
  return {
    result: { ...details.value.result, inputSha256: sha256Hex(trackText) },
    config: { templateId, template, candidates: candidates.map((c) => c.id), catalogueVersion: cat.version },
    details,
    track,
  };
}

function summary(r: ReconstructionResult): string[] {
  const km = (m: number): string => (m / 1000).toFixed(m < 10_000 ? 2 : 1);
  const e = (x: { semiMajorM: number; semiMinorM: number; orientationDeg: number }): string =>
    `${km(x.semiMajorM)} × ${km(x.semiMinorM)} km at ${x.orientationDeg.toFixed(0)}°`;
  const lines = [
    `launch  ${r.launch.lat.toFixed(4)}, ${r.launch.lon.toFixed(4)} at ${r.launch.time} ± ${r.launch.timeSigmaS.toFixed(1)} s; 95 % ellipse ${e(r.launch.ellipse95)}; Cramér–Rao 95 % ${km(r.launch.crlb.semiMajorM)} × ${km(r.launch.crlb.semiMinorM)} km`,
    r.impact
      ? `impact  ${r.impact.lat.toFixed(4)}, ${r.impact.lon.toFixed(4)} at ${r.impact.time}; 95 % ellipse ${e(r.impact.ellipse95)}`
      : 'impact  none (breakup detected)',
    `breakup ${r.breakup.detected ? `DETECTED at ${r.breakup.time ?? '?'} (${r.breakup.altM?.toFixed(0) ?? '?'} m)` : 'not detected'}; statistic ${r.breakup.statistic.toFixed(2)}, p = ${r.breakup.pValue.toExponential(2)}`,
    `profile apogee ${km(r.profile.apogeeM)} km, max speed ${r.profile.maxSpeedMps.toFixed(0)} m/s, ground range ${km(r.profile.groundRangeM)} km, flight ${r.profile.flightTimeS.toFixed(0)} s, burnout ${r.profile.burnoutTimeS.toFixed(1)} s`,
    `fit     chi2 ${r.fit.chi2.toFixed(1)} on ${r.fit.dof} dof (normalised residual RMS ${r.fit.normalisedResidualRms.toFixed(2)})`,
    r.manoeuvre
      ? `manoeuvre ${r.manoeuvre.detected ? 'DETECTED' : 'not detected'}: ${r.manoeuvre.detail}`
      : 'manoeuvre not tested (too few radar plots or fixes after burnout, or the template has one)',
    'types   ' +
      r.types.map((t) => `${t.id}: BIC ${t.bic.toFixed(1)}, chi2/dof ${t.chi2PerDof.toFixed(2)}`).join('; '),
  ];
  return lines;
}

export function registerReconstruct(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('reconstruct')
    .description(
      'reconstruct a flight from TRACK.csv: launch point and time, impact, breakup, profile, with uncertainty',
    )
    .argument('<track>', 'TRACK.csv (docs/formats.md)')
    .option('--type <id>', 'catalogue type whose motor template to fit (default hwasong-11ga)')
    .option('--template <file.json>', 'a motor template the catalogue lacks ({m0Kg, mfKg, burnTimeS, ...})')
    .option('--geojson <out.geojson>', 'write the trajectory, ellipses and observations as GeoJSON')
    .option('--incident <id>', 'store the run with this incident (replay it with `salvo replay RUN`)')
    .action(async (trackPath: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ReconstructCliOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          if (opts.type && opts.template)
            return reportError(
              io,
              salvoError('INVALID_INPUT', 'give --type or --template, not both'),
              Boolean(opts.json),
            );
          let text: string;
          try {
            text = await readFile(trackPath, 'utf8');
          } catch {
            throw new SalvoFailure(
              salvoError('NOT_FOUND', `cannot read ${trackPath}`, [
                { file: trackPath, reason: 'no such file' },
              ]),
            );
          }
          const run = await runReconstruction(text, trackPath, opts);
          const geojson =
            run.details.ok && run.track.ok
              ? reconstructionGeoJson(run.details.value, run.track.value.observations)
              : undefined;
          if (opts.geojson && geojson) atomicWriteFileSync(opts.geojson, JSON.stringify(geojson, null, 1));
          let runId: string | undefined;
          if (opts.incident) {
            const incident = opts.incident;
            runId = await withStore(opts, async (store) => {
              const runs = analysisRunStore(store.db);
              if (!(await runs.incidentExists(incident)))
                throw new SalvoFailure(
                  salvoError('NOT_FOUND', `no incident '${incident}' in the store`, [
                    { field: '--incident', reason: 'unknown incident' },
                  ]),
                );
              const id = `run_${sha256Hex(`${incident}\u001f${run.result.inputSha256}\u001f${JSON.stringify(run.config)}\u001f${Date.now()}`).slice(0, 20)}`;
              await runs.save({
                id,
                kind: 'reconstruction',
                incidentId: incident,
                createdAt: new Date().toISOString(),
                methodName: RECONSTRUCTION_METHOD.name,
                methodVersion: RECONSTRUCTION_METHOD.version,
                config: run.config,
                inputSha256: run.result.inputSha256,
                input: text,
                result: run.result,
                // Stored so that the server draws the trajectory without re-running the fit.
                ...(geojson ? { geojson } : {}),
              });
              return id;
            });
          }
          if (opts.json) printJson(io, runId ? { ...run.result, runId } : run.result);
          else {
            for (const l of summary(run.result)) io.out(l);
            io.out(
              `method  ${run.result.method.name} ${run.result.method.version}; template ${run.config.templateId}; input sha256 ${run.result.inputSha256}`,
            );
            if (opts.geojson) io.out(`GeoJSON written to ${opts.geojson}`);
            if (runId) io.out(`stored as ${runId} with incident ${opts.incident}`);
          }
          return EXIT.OK;
        }),
      );
    });
}

/** Moved to infra/cases (the server replays too); re-exported for the commands that import them from here. */
export { replayReconstruction, templatesOf };
