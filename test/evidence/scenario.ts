import { addDigitalItem } from '../../src/evidence/services/add-digital-item.js';
import { addPhysicalItem } from '../../src/evidence/services/add-physical-item.js';
import { annotateItem } from '../../src/evidence/services/annotate-item.js';
import { createCheckpoint } from '../../src/evidence/services/create-checkpoint.js';
import { createKey } from '../../src/evidence/services/create-key.js';
import { deriveItem } from '../../src/evidence/services/derive-item.js';
import { examineItem } from '../../src/evidence/services/examine-item.js';
import { reviewItem } from '../../src/evidence/services/review-item.js';
import { transferItem } from '../../src/evidence/services/transfer-item.js';
import { writeFile, type Locker } from './helpers.js';
import { encodePng } from './png.js';

/** A small but complete locker: three kinds of item, every kind of event, two actors, a checkpoint. */
export async function buildScenario(
  l: Locker,
): Promise<{ photo: string; note: string; fragment: string; crop: string }> {
  const d = l.deps;
  await createKey(d, { actor: 'alice' });
  await createKey(d, { actor: 'bob' });
  const png = writeFile(
    l.dir,
    'fragment.png',
    encodePng(32, 24, (x, y) => [x * 8, y * 10, (x * y) % 256]),
  );
  const photo = await addDigitalItem(d, {
    path: png,
    fileName: 'fragment.png',
    incident: 'KHK-2024-01-02',
    actor: 'alice',
    sensitivity: 'public',
  });
  const txt = writeFile(l.dir, 'witness.txt', 'Witness statement: two explosions at 07:30 local time.\n');
  const note = await addDigitalItem(d, {
    path: txt,
    fileName: 'witness.txt',
    incident: 'KHK-2024-01-02',
    actor: 'bob',
  });
  const frag = await addPhysicalItem(d, {
    incident: 'KHK-2024-01-02',
    actor: 'alice',
    title: 'jet-vane actuator fragment',
    sealNumber: 'S-0001',
    bagNumber: 'B-17',
    foundLat: 49.99,
    foundLon: 36.23,
    foundWithinM: 25,
    massG: 2350,
    lengthMm: 410,
    location: 'Kharkiv regional prosecutor, store room 2',
  });
  await transferItem(d, {
    item: frag.id,
    actor: 'alice',
    to: 'bob',
    location: 'forensic lab',
    reason: 'component analysis',
  });
  await examineItem(d, {
    item: frag.id,
    actor: 'bob',
    note: 'marking "112" on the actuator housing',
    method: 'visual',
  });
  await annotateItem(d, { item: photo.id, actor: 'alice', note: 'same fragment as the physical item' });
  const cropPath = writeFile(
    l.dir,
    'crop.png',
    encodePng(16, 12, (x, y) => [x * 16, y * 20, (x * y) % 256]),
  );
  const crop = await deriveItem(d, {
    parent: photo.id,
    path: cropPath,
    fileName: 'crop.png',
    actor: 'bob',
    method: 'crop to the marking',
  });
  await reviewItem(d, {
    item: photo.id,
    actor: 'bob',
    strand: 'technical',
    conclusion: 'verified',
    notes: 'no signs of editing',
  });
  await createCheckpoint(d, { actor: 'alice' });
  return { photo: photo.id, note: note.id, fragment: frag.id, crop: crop.id };
}
