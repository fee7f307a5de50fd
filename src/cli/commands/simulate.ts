import type { Command } from 'commander';
import { loadCatalogue } from '../../infra/catalogue/load.js';
import { atomicWriteFileSync } from '../../infra/files/atomic-write.js';
import { parseIsoInstant, salvoError, SalvoFailure, seededRng, type Problem } from '../../kernel/index.js';
import { motorParams, simulate, writeTrackCsv, type SimRadar } from '../../reconstruction/index.js';
import type { GlobalOptions, Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { templatesOf } from './reconstruct.js';

interface SimulateCliOptions extends GlobalOptions {
  type: string;
  launch: string;
  target: string;
  time: string;
  radar: string[];
  sigmaRange?: string;
  sigmaAngle?: string;
  rate?: string;
  breakupAt?: string;
  impactSigma?: string;
  seed: string;
  mismatchBeta?: string;
  mismatchPullup?: string;
  out?: string;
  branch: string;
}

function numbers(text: string, n: number, field: string, problems: Problem[]): number[] {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== n || parts.some((x) => !Number.isFinite(x))) {
    problems.push({ field, reason: `'${text}' is not ${n} comma-separated numbers` });
    return [];
  }
  return parts;
}

function positive(text: string | undefined, field: string, problems: Problem[]): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) problems.push({ field, reason: `'${text}' is not a positive number` });
  return v;
}

export function registerSimulate(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('simulate')
    .description('write a synthetic TRACK.csv of one flight (for tests, the demo and calibration) to stdout')
    .requiredOption('--type <id>', 'catalogue type with a motor template (e.g. hwasong-11ga)')
    .requiredOption('--launch <lat,lon>', 'launch point, degrees')
    .requiredOption('--target <lat,lon>', 'aim point, degrees')
    .option('--time <iso>', 'launch time (ISO 8601 with zone)', '2024-01-02T05:00:00Z')
    .option('--branch <depressed|lofted>', 'which of the two trajectories that reach the target', 'depressed')
    .option(
      '--radar <lat,lon,alt_m>',
      'a radar site (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--sigma-range <m>', 'radar range sigma (default 50 m)')
    .option('--sigma-angle <deg>', 'radar angle sigma (default 0.1146° = 2 mrad)')
    .option('--rate <hz>', 'radar rate (default 1 Hz)')
    .option('--breakup-at <s>', 'the missile breaks up this many seconds after launch')
    .option('--impact-sigma <m>', 'add an impact (or breakup) point with this horizontal sigma')
    .option('--seed <n>', 'noise seed', '1')
    .option('--out <track.csv>', 'write the track to this file (atomically) instead of stdout')
    .option('--mismatch-beta <factor>', 'wrong-model mode: the truth flies with beta multiplied by this')
    .option(
      '--mismatch-pullup <m/s2>',
      'wrong-model mode: the truth flies an unmodelled pull-up of this normal acceleration from 60 s to 90 s after burnout',
    )
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<SimulateCliOptions>();
      setExit(
        await runCommand(io, Boolean(o.json), async () => {
          const problems: Problem[] = [];
          const [lat, lon] = numbers(o.launch, 2, '--launch', problems);
          const [tlat, tlon] = numbers(o.target, 2, '--target', problems);
          const radars: SimRadar[] = o.radar.map((r) => {
            const [rlat, rlon, ralt] = numbers(r, 3, '--radar', problems);
            return { site: { latDeg: rlat ?? 0, lonDeg: rlon ?? 0, altM: ralt ?? 0 } as SimRadar['site'] };
          });
          const time = parseIsoInstant(o.time);
          if (time === undefined)
            problems.push({ field: '--time', reason: `'${o.time}' is not ISO 8601 with a zone` });
          const seed = Number(o.seed);
          if (!Number.isInteger(seed))
            problems.push({ field: '--seed', reason: `'${o.seed}' is not an integer` });
          const sigmaRangeM = positive(o.sigmaRange, '--sigma-range', problems);
          const sigmaAngleDeg = positive(o.sigmaAngle, '--sigma-angle', problems);
          const rateHz = positive(o.rate, '--rate', problems);
          const breakupAtS = positive(o.breakupAt, '--breakup-at', problems);
          const impactSigmaM = positive(o.impactSigma, '--impact-sigma', problems);
          const betaFactor = positive(o.mismatchBeta, '--mismatch-beta', problems);
          const pullup = o.mismatchPullup === undefined ? undefined : Number(o.mismatchPullup);
          if (pullup !== undefined && !Number.isFinite(pullup))
            problems.push({ field: '--mismatch-pullup', reason: 'not a number' });
          if (o.branch !== 'depressed' && o.branch !== 'lofted')
            problems.push({ field: '--branch', reason: `'${o.branch}' is not depressed or lofted` });
          if (problems.length > 0)
            throw new SalvoFailure(salvoError('INVALID_INPUT', 'bad simulate options', problems));
          const cat = await loadCatalogue();
          const t = templatesOf(cat).find((x) => x.id === o.type);
          if (!t)
            throw new SalvoFailure(
              salvoError('NOT_FOUND', `no catalogue type '${o.type}' with a motor template`, [
                {
                  field: '--type',
                  reason: `one of: ${templatesOf(cat)
                    .map((x) => x.id)
                    .join(', ')}`,
                },
              ]),
            );
          const motor = motorParams(t.template);
          const r = simulate({
            motor,
            launch: { latDeg: lat!, lonDeg: lon! },
            launchTime: time!,
            target: { latDeg: tlat!, lonDeg: tlon! },
            branch: o.branch as 'depressed' | 'lofted',
            radars,
            ...(sigmaRangeM ? { sigmaRangeM } : {}),
            ...(sigmaAngleDeg ? { sigmaAngleDeg } : {}),
            ...(rateHz ? { rateHz } : {}),
            ...(breakupAtS ? { breakupAtS } : {}),
            ...(impactSigmaM ? { impactSigmaM } : {}),
            ...(betaFactor || pullup
              ? {
                  mismatch: {
                    ...(betaFactor ? { betaFactor } : {}),
                    ...(pullup
                      ? {
                          manoeuvre: {
                            startS: motor.burnTimeS + 60,
                            endS: motor.burnTimeS + 90,
                            normalAccelMps2: pullup,
                          },
                        }
                      : {}),
                  },
                }
              : {}),
            rng: seededRng(seed),
          });
          if (!r.ok) throw new SalvoFailure(r.error);
          if (o.json)
            printJson(io, {
              rows: r.value.observations.length,
              truth: { launchTime: new Date(r.value.truth.launchTime).toISOString(), end: r.value.truth.end },
              csv: writeTrackCsv(r.value.observations),
            });
          else if (o.out) {
            atomicWriteFileSync(o.out, writeTrackCsv(r.value.observations));
            io.out(`${r.value.observations.length} observations written to ${o.out}`);
          } else io.out(writeTrackCsv(r.value.observations).trimEnd());
          return EXIT.OK;
        }),
      );
    });
}
