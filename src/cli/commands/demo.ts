import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { runCommand } from '../run.js';
import { freshTourFolder, runTour, type TourStep } from '../tour.js';
import { publishingSteps } from './demo-publishing.js';

/** The demo data shipped with Salvo (demo/ at the package root), from src/ or dist/ alike. */
export const DEMO_DATA = fileURLToPath(new URL('../../../demo/data/', import.meta.url));

export type DemoStep = TourStep;

/** The tour, in order. Every capability adds its steps here so that `npm run demo` shows the whole product. */
export function demoSteps(db: string, dir: string): DemoStep[] {
  const data = (f: string): string => relative(process.cwd(), join(DEMO_DATA, f)) || join(DEMO_DATA, f);
  const out = (f: string): string => join(dir, f);
  // The simulated KN-23-class flight of the Poltava incident (ILLUSTRATIVE): one radar, 1 Hz, the impact point.
  const poltavaFlight = [
    'simulate',
    '--type',
    'hwasong-11ga',
    '--launch',
    '51.45,35.95',
    '--target',
    '49.59,34.55',
    '--radar',
    '50.25,34.90,150',
    '--time',
    '2024-01-23T03:20:00Z',
    '--impact-sigma',
    '30',
    '--seed',
    '7',
  ];
  return [
    {
      title: 'Import the Air Force daily reports (illustrative sample, real layout)',
      why: 'Kyiv times to UTC, Python-literal fields, " and "-joined models split by launched_details; the original text is kept.',
      args: ['--db', db, 'import', 'airforce', data('airforce-sample.csv')],
    },
    {
      title: 'Import the same file again',
      why: 'Imports are idempotent: the same bytes add nothing.',
      args: ['--db', db, 'import', 'airforce', data('airforce-sample.csv')],
    },
    {
      title: 'Import individual strikes of the Dec 2023 - Feb 2024 campaign',
      why: "Salvo's incidents format: UTC instants, locations with a precision, outcomes, debris, the type identified.",
      args: ['--db', db, 'import', 'incidents', data('incidents-campaign.csv')],
    },
    {
      title: 'Interception and failure rates by model, with 95 % Wilson intervals',
      why: "'Iskander-M/KN-23' is its own group: the Air Force label is never counted as either type.",
      args: ['--db', db, 'stats', '--by', 'model', '--from', '2023-12-25', '--to', '2024-03-31'],
    },
    {
      title: 'The same, by target region (ISO 3166-2)',
      why: 'Regions are joined on ISO codes, never on spellings.',
      args: ['--db', db, 'stats', '--by', 'target_region', '--from', '2023-12-25', '--to', '2024-03-31'],
    },
    {
      title: 'Every imported file, with its SHA-256',
      why: 'Each figure traces back to a file and a line.',
      args: ['--db', db, 'sources'],
    },
    {
      title: 'The reference catalogue: every figure with its public source and its spread',
      why: 'Versioned and schema-validated; "Iskander-M/KN-23" is an ambiguous alias, not a type.',
      args: ['catalogue', 'list'],
    },
    {
      title:
        'Simulate a radar track of a KN-23-class flight from Kursk oblast to Poltava oblast (ILLUSTRATIVE)',
      why: 'Synthetic observations from a known truth: one radar, 50 m / 2 mrad, 1 Hz, plus the impact point.',
      args: [...poltavaFlight, '--out', out('track-poltava.csv')],
    },
    {
      title: 'Reconstruct the flight and store the run with the Poltava incident of 23 Jan 2024',
      why: 'Launch point and time with a 95 % ellipse and the Cramér–Rao bound beside it: the flight path alone cannot separate KN-23 from Iskander-M (equal BIC).',
      args: [
        '--db',
        db,
        'reconstruct',
        out('track-poltava.csv'),
        '--type',
        'hwasong-11ga',
        '--incident',
        'DEMO-2024-01-23-POL',
        '--geojson',
        out('track-poltava.geojson'),
      ],
    },
    {
      title:
        'Simulate the same flight with a 1 m/s² pull-up 60-90 s after burnout that the template lacks (ILLUSTRATIVE)',
      why: 'Wrong-model mode: the truth manoeuvres as quasi-ballistic types do; the template is ballistic.',
      args: [...poltavaFlight, '--mismatch-pullup', '1', '--out', out('track-pullup.csv')],
    },
    {
      title: 'Reconstruct it: the manoeuvre check finds the pull-up and reports the fit that includes it',
      why: 'Without the check the launch point would be off by hundreds of metres inside a template-sized ellipse; the ellipse here covers the truth (51.45 N 35.95 E).',
      args: ['reconstruct', out('track-pullup.csv'), '--type', 'hwasong-11ga'],
    },
    {
      title: 'Identify the type from the reconstruction plus the debris features (ILLUSTRATIVE measurements)',
      why: 'Posterior per type, an explicit "none of the catalogue", and how much each feature moved the odds.',
      args: [
        '--db',
        db,
        'identify',
        '--incident',
        'DEMO-2024-01-23-POL',
        '--features',
        data('poltava-debris-features.json'),
      ],
    },
    {
      title: 'Replay the stored reconstruction from its stored input',
      why: 'A court can ask for the same answer again: the run is replayed and compared bit for bit.',
      args: ['--db', db, 'replay', '--incident', 'DEMO-2024-01-23-POL'],
    },
    {
      title: 'Interception trends per model, month by month',
      why: 'A logistic trend with its interval and p-value, or the reason there is none.',
      args: ['--db', db, 'stats', '--by', 'model', '--trend', '--from', '2023-12-25', '--to', '2024-03-31'],
    },
    {
      title: 'The worked example: the Dec 2023 - Feb 2024 campaign and the Kharkiv strike of 2 Jan 2024',
      why: 'Public facts with citations; missing-data rates, custody, components, identification, and what the data cannot tell.',
      args: ['case-study', '--dir', out('case-study')],
    },
    ...publishingSteps(db, out),
  ];
}

/**
 * Builds a store in a fresh folder from the shipped demo data and runs the tour. Needs no network and no
 * ../shared. The folder is only ever removed when it carries the demo marker, so `--dir` cannot wipe user data.
 */
export function registerDemo(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('build a demo store from the illustrative data shipped with Salvo and tour what it can do')
    .option('--dir <folder>', 'where to build the demo store', 'salvo-demo')
    .action(async (o: { dir: string }, cmd: Command) => {
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      setExit(
        await runCommand(io, json, async () => {
          const folder = freshTourFolder(o.dir, 'demo');
          if (typeof folder === 'string') {
            io.err(`salvo demo: ${folder}`);
            return EXIT.CONFLICT;
          }
          const db = join(folder.shown, 'demo.db');
          return runTour(io, json, demoSteps(db, folder.shown), {
            name: 'demo',
            intro: `Salvo demo: a store built from the illustrative data in ${relative(process.cwd(), DEMO_DATA) || DEMO_DATA}`,
            store: db,
            next: [
              'salvo serve   (this demo store in the web UI: map, timeline, incidents, statistics; prints its URL)',
              `salvo --db ${db} stats --by month --model Iskander-M/KN-23`,
              `salvo --db ${db} stats --by model --trend --json`,
              'salvo case-study   (the Dec 2023 - Feb 2024 campaign from public facts, with what the data cannot tell)',
              'salvo import airforce path/to/missile_attacks_daily.csv   (the real table, from Kaggle)',
              'salvo --help',
            ],
          });
        }),
      );
    });
}
