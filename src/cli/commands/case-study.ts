import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { runCommand } from '../run.js';
import { freshTourFolder, runTour, type TourStep } from '../tour.js';

/** The worked example's inputs (docs/case-studies/dprk-2024/), from src/ or dist/ alike. */
export const CASE_STUDY_DATA = fileURLToPath(
  new URL('../../../docs/case-studies/dprk-2024/', import.meta.url),
);

const ACTOR = 'Investigator A (illustrative)';
const KHARKIV = 'CS-2024-01-02-KHARKIV';

/**
 * The Dec 2023 - Feb 2024 campaign and the Kharkiv strike of 2 Jan 2024, rebuilt from public facts
 * (docs/case-studies/dprk-2024.md). Each step prints the command it runs.
 */
export function caseStudySteps(db: string, dir: string): TourStep[] {
  const input = (f: string): string =>
    relative(process.cwd(), join(CASE_STUDY_DATA, f)) || join(CASE_STUDY_DATA, f);
  const d = (...a: string[]): string[] => ['--db', db, ...a];
  return [
    {
      title: 'Import the incidents that public sources name (details marked ILLUSTRATIVE where not public)',
      why: 'Kharkiv 2 Jan 2024 (UN Panel), 30 Dec and 6 Jan (White House), Kharkiv 7 Feb (police: 2 of 5 were KN-23), 27 Feb (last use).',
      args: d('import', 'incidents', input('incidents.csv')),
    },
    {
      title:
        'The campaign from the published counts: about 50 launched, 21 examined, about half burst in the air',
      why: 'A failure rate over known outcomes is not enough when failures leave no debris: three estimates, each with its assumption.',
      args: ['stats', '--counts', input('campaign-counts.json')],
    },
    {
      title: 'Register the investigator who holds the Kharkiv debris',
      why: "Every custody event is signed with the actor's Ed25519 key.",
      args: d('key', 'create', '--actor', ACTOR),
    },
    {
      title: 'Log the jet-vane actuator fragment of the Kharkiv missile (physical item, sealed)',
      why: 'Physical and digital evidence share one hash-chained custody log.',
      args: d(
        'evidence',
        'add',
        '--physical',
        '--incident',
        KHARKIV,
        '--actor',
        ACTOR,
        '--title',
        'Jet-vane actuator fragment (ILLUSTRATIVE record)',
        '--seal',
        'S-0001',
        '--found-place',
        'Kharkiv',
        '--found-precision',
        'settlement',
        '--sensitivity',
        'restricted',
      ),
    },
    {
      title:
        'Record components read off the fragment (ILLUSTRATIVE part numbers; the makers and the "112" marking are public)',
      why: 'Date codes are parsed (YYWW, Juche years: 112 = 2023) with their raw text and confidence.',
      args: d('components', 'import', input('components.csv'), '--item', 'EV-000001', '--actor', ACTOR),
    },
    {
      title: 'Components by country, and the earliest possible assembly date',
      why: 'CAR concluded the Kharkiv missile "could not have been assembled before March 2023": this is that computation, with its evidence.',
      args: d('components', 'summary', '--incident', KHARKIV),
    },
    {
      title: 'Identify the Kharkiv missile from the debris cues',
      why: 'Hangul markings and jet-vane actuators (CAR); the Air Force label that night was "Iskander-M": the prior, not the answer.',
      args: d('identify', '--incident', KHARKIV, '--features', input('debris-features.json')),
    },
    {
      title: 'Try to reconstruct the launch point from the impact point alone',
      why: 'What the data cannot tell: like the UN Panel, Salvo cannot place the launch from debris; it needs a track (radar, video).',
      args: ['reconstruct', input('kharkiv-impact-only.csv'), '--type', 'hwasong-11ga'],
      expectExit: EXIT.NOT_CONVERGED,
    },
    {
      title: 'Publish a checkpoint of the custody log and verify everything',
      why: 'A signed Merkle root that can be printed in a bulletin; `verify` recomputes every hash, the chain, every signature.',
      args: d('checkpoint', '--actor', ACTOR),
    },
    {
      title: 'Verify the store',
      why: 'Exit 0 when intact, 3 when anything differs.',
      args: d('verify'),
    },
    {
      title: 'Export an offline-verifiable bundle for the Kharkiv incident',
      why: 'Items, manifest, custody events with signatures, public keys, checkpoint and inclusion proofs.',
      args: d('export', 'bundle', '--incident', KHARKIV, join(dir, 'bundle-kharkiv'), '--actor', ACTOR),
    },
    {
      title: 'Verify the bundle with nothing but Salvo',
      why: 'What a court or a panel on another machine would run.',
      args: ['verify-bundle', join(dir, 'bundle-kharkiv')],
    },
    {
      title: 'A public case dossier of the campaign: the restricted fragment is counted, never named',
      why: 'Findings across the incidents, the failure rate with its interval and, with the ~50 launches of the published counts, the missing-data bounds.',
      args: d(
        'report',
        'case',
        '--from',
        '2023-12-01',
        '--to',
        '2024-02-29',
        '--launches',
        '50',
        '--public',
        '--format',
        'md',
        '--out',
        join(dir, 'case-public.md'),
      ),
    },
  ];
}

export function registerCaseStudy(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('case-study')
    .description(
      'the Dec 2023 - Feb 2024 DPRK-missile campaign and the Kharkiv strike of 2 Jan 2024, from public facts',
    )
    .option('--dir <folder>', 'where to build the case-study store', 'salvo-case-study')
    .action(async (o: { dir: string }, cmd: Command) => {
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      setExit(
        await runCommand(io, json, async () => {
          const folder = freshTourFolder(o.dir, 'case-study');
          if (typeof folder === 'string') {
            io.err(`salvo case-study: ${folder}`);
            return EXIT.CONFLICT;
          }
          const db = join(folder.shown, 'case.db');
          return runTour(io, json, caseStudySteps(db, folder.shown), {
            name: 'case-study',
            intro:
              'Worked example (docs/case-studies/dprk-2024.md): every input is a public fact with its citation, or marked ILLUSTRATIVE.',
            store: db,
            next: [
              'read docs/case-studies/dprk-2024.md for the reasoning and the citations',
              `salvo --db ${db} evidence list`,
            ],
          });
        }),
      );
    });
}
