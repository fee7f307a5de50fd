/**
 * Calibration of identification on real data: the CNS North Korea Missile Test Database (CNS/NTI, via
 * nagix/nk-missile-tests). Identifies the type from (apogee, distance) among the catalogue's DPRK types with
 * grouped 5-fold cross-validation (envelopes fitted on the training folds only), and prints top-1 accuracy,
 * log-loss and a reliability table. Also scores the shipped catalogue's envelopes on all rows (not
 * cross-validated: those envelopes were partly read from the same database).
 *
 *   npx tsx bench/identification-calibration.ts [--json]
 *
 * Reads ../shared/data relative to the repository root; skips with a message when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seededRng } from '../src/kernel/index.js';
import {
  crossValidateIdentification,
  parseCatalogue,
  predict,
  resolveAlias,
  scorePredictions,
  typeModelFromCatalogue,
  type CalibrationMetrics,
  type CalibrationRow,
  type Catalogue,
} from '../src/identification/index.js';
import { wilsonInterval } from '../src/statistics/index.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = resolve(REPO_ROOT, '..', 'shared', 'data');
export const TESTS_FILE = join(DATA_DIR, 'cns_nk_missile_tests_nagix_2026-04.json');
export const SEED = 20240102;

export function loadCatalogue(): Catalogue {
  const r = parseCatalogue(
    JSON.parse(readFileSync(join(REPO_ROOT, 'catalogue', 'salvo-catalogue.json'), 'utf8')),
  );
  if (!r.ok) throw new Error(`catalogue invalid: ${r.error.message}`);
  return r.value;
}

interface RawTest {
  date: string;
  missile: string;
  apogee: unknown;
  distance: unknown;
}

const num = (v: unknown): number | undefined => {
  const x = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isFinite(x) && x > 0 ? x : undefined;
};

export interface LoadedRows {
  readonly rows: CalibrationRow[];
  readonly dprkTypes: string[];
  /** Rows with apogee and distance whose CNS label maps to no single catalogued DPRK type, by label. */
  readonly excluded: Record<string, number>;
  readonly totalTests: number;
}

/** Rows with numeric apogee and distance whose CNS missile id maps to exactly one catalogued DPRK type. */
export function loadCalibrationRows(cat: Catalogue, file = TESTS_FILE): LoadedRows {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { timeBins: { data: RawTest[] }[] };
  const tests = json.timeBins.flatMap((b) => b.data);
  const dprk = new Set(cat.types.filter((t) => t.originState === 'KP').map((t) => t.id));
  const rows: CalibrationRow[] = [];
  const excluded: Record<string, number> = {};
  for (const t of tests) {
    const apogeeKm = num(t.apogee);
    const rangeKm = num(t.distance);
    if (apogeeKm === undefined || rangeKm === undefined) continue;
    const res = resolveAlias(cat, t.missile, 'cns-database');
    const id = res && !res.ambiguous && res.types.length === 1 ? res.types[0] : undefined;
    if (id === undefined || !dprk.has(id)) {
      excluded[t.missile] = (excluded[t.missile] ?? 0) + 1;
      continue;
    }
    rows.push({ label: id, group: `${t.date}|${t.missile}`, apogeeKm, rangeKm });
  }
  return { rows, dprkTypes: [...dprk].sort(), excluded, totalTests: tests.length };
}

export function runCalibration(cat: Catalogue, loaded: LoadedRows) {
  const cvUniform = crossValidateIdentification(loaded.rows, {
    rng: seededRng(SEED),
    folds: 5,
    prior: 'uniform',
  });
  const cvFreq = crossValidateIdentification(loaded.rows, {
    rng: seededRng(SEED),
    folds: 5,
    prior: 'training-frequency',
  });
  const logo = crossValidateIdentification(loaded.rows, {
    rng: seededRng(SEED),
    folds: new Set(loaded.rows.map((r) => r.group)).size,
    prior: 'uniform',
  });
  const models = cat.types.filter((t) => loaded.dprkTypes.includes(t.id)).map(typeModelFromCatalogue);
  const shipped = scorePredictions(
    predict(
      models,
      models.map(() => 0.95 / models.length),
      0.05,
      loaded.rows,
    ),
  );
  return { cvUniform, cvFreq, logo, shipped };
}

const f3 = (x: number | null): string => (x === null ? '–' : x.toFixed(3));
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

export function metricsTable(name: string, m: CalibrationMetrics): string {
  const ci = wilsonInterval(m.top1Correct, m.n);
  const lines = [
    `### ${name}`,
    '',
    `top-1 accuracy ${pct(m.top1Accuracy)} (${String(m.top1Correct)}/${String(m.n)}; Wilson 95 % ${pct(ci.lo)}–${pct(ci.hi)}), ` +
      `log-loss ${m.logLoss.toFixed(3)} nats, Brier ${m.brier.toFixed(3)}, "none" on top ${pct(m.noneTopRate)}`,
    '',
    '| top-1 probability | rows | mean confidence | observed accuracy |',
    '|---|---:|---:|---:|',
    ...m.reliability.map(
      (b) =>
        `| [${b.lo.toFixed(2)}, ${b.hi.toFixed(2)}${b.hi === 1 ? ']' : ')'} | ${String(b.n)} | ${f3(b.meanConfidence)} | ${f3(b.accuracy)} |`,
    ),
    '',
    '| true type | rows | accuracy | predicted as |',
    '|---|---:|---:|---|',
    ...m.perClass.map(
      (c) =>
        `| ${c.label} | ${String(c.n)} | ${pct(c.accuracy)} | ${Object.entries(m.confusion[c.label] ?? {})
          .sort(([, a], [, b]) => b - a)
          .map(([k, v]) => `${k} ${String(v)}`)
          .join(', ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

function main(): void {
  if (!existsSync(TESTS_FILE)) {
    console.log(`identification calibration: skipped, ${TESTS_FILE} not found (needs ../shared/data).`);
    return;
  }
  const cat = loadCatalogue();
  const loaded = loadCalibrationRows(cat);
  const { cvUniform, cvFreq, logo, shipped } = runCalibration(cat, loaded);
  if (process.argv.includes('--json')) {
    console.log(
      JSON.stringify(
        { catalogueVersion: cat.version, seed: SEED, loaded, cvUniform, cvFreq, shipped },
        null,
        2,
      ),
    );
    return;
  }
  const counts = loaded.dprkTypes
    .map((t) => `${t} ${String(loaded.rows.filter((r) => r.label === t).length)}`)
    .join(', ');
  console.log(
    [
      `# Identification calibration — CNS DPRK tests, catalogue ${cat.version}, seed ${String(SEED)}`,
      '',
      `${String(loaded.totalTests)} tests; ${String(loaded.rows.length)} with apogee and distance of a catalogued DPRK type (${counts}); ` +
        `${String(new Set(loaded.rows.map((r) => r.group)).size)} salvos (groups).`,
      `Excluded (not a single catalogued DPRK type): ${Object.entries(loaded.excluded)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ')}`,
      '',
      metricsTable('Grouped 5-fold CV, uniform prior over types', cvUniform),
      `Baseline (training-frequency prior, no features): top-1 ${pct(cvUniform.baseline.top1Accuracy)}, log-loss ${cvUniform.baseline.logLoss.toFixed(3)}`,
      '',
      metricsTable('Grouped 5-fold CV, training-frequency prior', cvFreq),
      metricsTable('Leave-one-salvo-out CV, uniform prior', logo),
      metricsTable('Shipped catalogue envelopes, all rows (NOT cross-validated; optimistic)', shipped),
    ].join('\n'),
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
