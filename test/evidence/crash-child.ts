/**
 * Child process of crash-safety.test.ts: adds evidence in a loop until it is killed. Argument: the store path.
 * Prints "ready" once the store is open, then one line per completed act.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openStore } from '../../src/infra/db/database.js';
import { evidenceDeps } from '../../src/infra/evidence/wiring.js';
import { addDigitalItem } from '../../src/evidence/services/add-digital-item.js';
import { addPhysicalItem } from '../../src/evidence/services/add-physical-item.js';
import { transferItem } from '../../src/evidence/services/transfer-item.js';

async function main(): Promise<void> {
  const dbPath = process.argv[2]!;
  const store = await openStore(dbPath);
  const deps = evidenceDeps(store, {});
  process.stdout.write('ready\n');
  for (let n = 0; ; n++) {
    const file = join(dirname(dbPath), `in-${process.pid}-${n}.bin`);
    writeFileSync(file, randomBytes(1 + Math.floor(Math.random() * 300_000)));
    const d = await addDigitalItem(deps, {
      path: file,
      fileName: `photo-${n}.jpg`,
      incident: 'KHK-2024-01-02',
      actor: 'alice',
    });
    const p = await addPhysicalItem(deps, {
      incident: 'KHK-2024-01-02',
      actor: 'alice',
      title: `fragment ${n}`,
      sealNumber: `S-${process.pid}-${n}`,
    });
    await transferItem(deps, { item: p.id, actor: 'alice', to: 'bob', reason: 'lab' });
    process.stdout.write(`${d.id} ${p.id}\n`);
  }
}
void main();
