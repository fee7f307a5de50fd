/**
 * The server half of bench/load.bench.ts, in its own process so that the load generator does not share its
 * event loop: opens the store, serves the API on 127.0.0.1 (a free port), reports the URL over IPC, and shuts
 * down gracefully when told to.
 *
 * Run by load.bench.ts only: node --import tsx bench/load-server.ts DB BLOBS KEYS SPOOL
 */
import { startServer } from '../src/api/server.js';
import { apiDeps } from '../src/api/wiring.js';
import { openServerStore } from '../src/infra/server/server-store.js';

const [db, blobs, keys, spool] = process.argv.slice(2);
if (!db || !blobs || !keys || !spool || !process.send) {
  console.error('usage: forked by bench/load.bench.ts');
  process.exit(64);
}
const { store, readDb, close } = await openServerStore(db);
const deps = apiDeps(store, { readDb, close, places: { blobs, keys }, options: { spoolDir: spool } });
const server = await startServer(deps, { host: '127.0.0.1', port: 0 });
const cpu0 = process.cpuUsage();
process.send({ url: server.url });
process.on('message', (m: unknown) => {
  if (m === 'stop')
    void server.close().then(() => {
      const u = process.cpuUsage(cpu0);
      process.send?.({ cpuMs: (u.user + u.system) / 1000 }, () => process.exit(0));
    });
});
