/**
 * Web UI render benchmark (issue 7): the real overview (map with clustering and precision discs, legend,
 * virtualised list, timeline, playback) over 100,000 synthetic incidents in headless Debian chromium
 * (software WebGL: SwiftShader), no server involved.
 *
 *  - first render: the page is up (map idle with its basemap); 100,000 incidents are handed to the overview;
 *    until the map is idle again with all of them in its sources, the timeline, list and legend re-rendered
 *    (goal < 2 s); and the same end instant from navigation start (JS, basemap and map start-up included);
 *  - pan/zoom: frame times during an animated zoom-in, pan and zoom-out (6 s).
 *
 * Run: npx tsx bench/web-render.bench.ts [N ...]   (default 100000; e.g. `10000 100000` for a comparison)
 * Needs /usr/bin/chromium; builds the UI with its bench page into a temp folder.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildWeb, CHROMIUM, CHROMIUM_ARGS, front, type InPage } from '../test/web/harness.js';

const ROUNDS = 3;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((x) => x > 0);
if (sizes.length === 0) sizes.push(100_000);

if (!existsSync(CHROMIUM)) {
  console.log(`web-render bench SKIPPED: ${CHROMIUM} is absent`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'salvo-web-bench-'));
const t0 = performance.now();
await buildWeb(dir, { SALVO_WEB_BENCH: '1' });
console.log(`built the UI with its bench page in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const { url, server } = await front(dir, 'http://127.0.0.1:9');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const version = browser.version();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f = (x: number) => x.toFixed(0).padStart(6);

try {
  for (const n of sizes) {
    const first: number[] = [];
    const nav: number[] = [];
    let panZoom: Record<string, number> | undefined;
    let view: Record<string, unknown> = {};
    for (let round = 0; round < ROUNDS; round++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(`${url}/bench.html?n=${n}`);
      await page.waitForFunction(() => (globalThis as unknown as InPage).__bench?.done === true, undefined, {
        timeout: 120_000,
        polling: 50,
      });
      const r = (await page.evaluate(() => (globalThis as unknown as InPage).__bench)) as Record<
        string,
        number
      >;
      first.push(r.firstRenderMs!);
      nav.push(r.sinceNavigationMs!);
      view = r;
      if (round === ROUNDS - 1)
        panZoom = await page.evaluate(() => (globalThis as unknown as InPage).__benchPanZoom!());
      await page.close();
    }
    console.log(
      `\n${n.toLocaleString('en')} incidents, headless ${version} (software WebGL), 1400x1000, ${ROUNDS} page loads`,
    );
    console.log(
      `  machine: ${cpus().length} cores, load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (1/5/15 min)`,
    );
    console.log(
      `  first render, page up -> map idle:       median ${f(median(first))} ms   [${first.map((x) => x.toFixed(0)).join(', ')}]   goal < 2000 ms: ${median(first) < 2000 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `  same instant since navigation start:     median ${f(median(nav))} ms   [${nav.map((x) => x.toFixed(0)).join(', ')}]`,
    );
    console.log(
      `  milestones of the last load (ms since navigation): ${JSON.stringify({ ...(view.marks as object), pageReady: view.readyAt })}`,
    );
    console.log(
      `  in view at first render: ${String(view.clustersInView)} clusters, ${String(view.pointsInView)} single points`,
    );
    if (panZoom)
      console.log(
        `  pan/zoom (zoom in 2.5, pan 500x250 px, zoom out; 6 s): ${panZoom.frames} frames, mean ${panZoom.meanMs!.toFixed(1)} ms, p50 ${panZoom.p50Ms!.toFixed(1)} ms, p95 ${panZoom.p95Ms!.toFixed(1)} ms, max ${panZoom.maxMs!.toFixed(0)} ms (${(1000 / panZoom.meanMs!).toFixed(1)} fps)`,
      );
  }
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
