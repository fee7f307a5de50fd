/**
 * Import benchmark (issue 2): the Air Force daily CSV replicated to 1,000,000 rows, streamed through the real
 * `salvo import airforce` path into a fresh SQLite store. Prints rows/s and peak RSS, and in the same run a
 * baseline: csv-parse (the maintained parser) reading the same file with no other work.
 * Goal: >= 200,000 rows/s and < 500 MB peak RSS.
 *
 *   npm run bench:import              (needs ../shared/data; ROWS=200000 for a quicker run)
 * Plain JavaScript on dist/, not tsx on src/: the esbuild transform wraps every closure in a naming helper
 * and measured 3-5x slower on this code.
 */
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse';
// The compiled CLI, as users run it (`npm run build` first; the npm script does it).
import { main } from '../dist/cli/main.js';
import { openStore } from '../dist/infra/db/database.js';

const SOURCE = new URL('../../shared/data/ua_airforce_missile_attacks_daily.csv', import.meta.url).pathname;
const ROWS = Number(process.env.ROWS ?? 1_000_000);

if (!existsSync(SOURCE)) {
  console.log(`bench:import skipped: ${SOURCE} is not here (it lives in ../shared/data).`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'salvo-bench-'));
try {
  const [header, ...lines] = readFileSync(SOURCE, 'utf8').trimEnd().split('\n');
  const file = join(dir, 'airforce-1m.csv');
  const out = createWriteStream(file);
  out.write(header + '\n');
  let written = 0;
  // Replicas differ in their last column (the source reference), so every row is a distinct published row.
  for (let rep = 0; written < ROWS; rep++) {
    let chunk = '';
    for (const line of lines) {
      if (written >= ROWS) break;
      chunk += `${line}?rep=${rep}\n`;
      written++;
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  console.log(`input: ${written.toLocaleString('en')} rows (${SOURCE.split('/').pop()} replicated)`);

  // Baseline: csv-parse alone, no validation or storage.
  let t0 = performance.now();
  let n = 0;
  for await (const _ of createReadStream(file).pipe(parse({ columns: true }))) n++;
  const baseline = n / ((performance.now() - t0) / 1000);

  const rss0 = process.memoryUsage().rss;
  const db = join(dir, 'bench.db');
  t0 = performance.now();
  let code = -1;
  const io = { out: () => undefined, err: (t) => void process.stderr.write(t + '\n'), interactive: false };
  code = await main(['--db', db, 'import', 'airforce', file, '--json'], io);
  const seconds = (performance.now() - t0) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  if (code !== 0) throw new Error(`import failed with exit code ${code}`);
  console.log(
    `salvo import airforce: ${(written / seconds).toLocaleString('en', { maximumFractionDigits: 0 })} rows/s (${seconds.toFixed(2)} s, goal >= 200,000 rows/s)`,
  );
  console.log(
    `baseline, csv-parse alone (no validation, no storage), same file, same run: ${baseline.toLocaleString('en', { maximumFractionDigits: 0 })} rows/s`,
  );
  console.log(
    `peak RSS: ${peakRssMb.toFixed(0)} MB (goal < 500 MB; RSS before import ${(rss0 / 2 ** 20).toFixed(0)} MB)`,
  );

  // Ceiling, same run: SQLite alone writing the very rows the import stored (same schema, indexes and foreign
  // keys, one transaction, INSERT ... SELECT: no JavaScript per row). No importer can be faster than this.
  const ceilingDb = join(dir, 'ceiling.db');
  const ceiling = await openStore(ceilingDb);
  try {
    const h = ceiling.sqlite;
    h.exec(`ATTACH DATABASE '${db.replace(/'/g, "''")}' AS src`);
    const t1 = performance.now();
    h.exec('BEGIN');
    for (const table of ['sources', 'missile_models', 'model_aliases', 'place_sets', 'place_set_members'])
      h.exec(`INSERT OR IGNORE INTO main.${table} SELECT * FROM src.${table}`);
    const stored = h
      .prepare('INSERT INTO main.attack_reports SELECT * FROM src.attack_reports')
      .run().changes;
    h.exec('COMMIT');
    const s2 = (performance.now() - t1) / 1000;
    const bytes = h.prepare('SELECT avg(length(raw_json)) AS b FROM main.attack_reports').get().b;
    console.log(
      `ceiling, SQLite alone inserting the same ${stored.toLocaleString('en')} stored rows (INSERT ... SELECT, no JS, same schema), same run: ${(stored / s2).toLocaleString('en', { maximumFractionDigits: 0 })} rows/s (raw_json alone averages ${Math.round(bytes)} bytes a row)`,
    );
  } finally {
    await ceiling.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
