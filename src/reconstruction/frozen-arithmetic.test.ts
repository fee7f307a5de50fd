import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MotorTemplate } from '../kernel/index.js';
import { reconstructDetailed } from './reconstruct.js';
import { RECONSTRUCTION_METHOD } from './result.js';
import { parseTrackCsv } from './track-csv.js';

// The generic SRBM of the fixtures (test/fixtures/tracks/README.md).
const template: MotorTemplate = {
  m0Kg: 4000,
  mfKg: 1500,
  burnTimeS: { value: 25, sigma: 1 },
  exhaustVelocityMps: 2500,
  verticalRiseS: 4,
  kickS: 6,
  cdAM2: 0.12,
};

/**
 * `salvo replay` compares a stored reconstruction with a fresh run bit for bit, so the arithmetic of a method
 * version is frozen: the fit, its covariance, the failure tests, the type likelihoods and the posterior check,
 * down to the order of every sum. (The quick look's UKF + RTS is not part of the stored result: it is reported
 * by reconstructDetailed, not stored, and its arithmetic may change within a version.) This pins the SHA-256 of
 * the stored result of two fixture tracks under the current version.
 * If it fails after a change that was meant to alter no figure (a speed-up, a refactor), the change altered the
 * arithmetic: runs stored by earlier Salvo would no longer replay. Either restore the arithmetic, or make the
 * change on purpose: bump RECONSTRUCTION_METHOD.version and pin the new hashes here. (A Node/V8 upgrade that
 * changes Math.exp or Math.atan2 would show here first, and would break the replay of stored runs the same way.)
 */
describe('the arithmetic of reconstruction method ' + RECONSTRUCTION_METHOD.version + ' is frozen', () => {
  it.each([
    ['radar-boost.csv', '6f5f2409daf6508b682682f3a3295a36fa76f46c63338bd4ea241edeeecca9ad'],
    ['radar-breakup.csv', '62c104f897dcdfad04e94a737f652427c56c948320447c7f558596ad37d7af25'],
  ])('%s: the stored result hashes as pinned', (file, sha256) => {
    const text = readFileSync(new URL(`../../test/fixtures/tracks/${file}`, import.meta.url), 'utf8');
    const track = parseTrackCsv(text, file);
    if (!track.ok) throw new Error(track.error.message);
    const d = reconstructDetailed(track.value, { template, launchAltM: 150, groundAltM: 150 });
    if (!d.ok) throw new Error(d.error.message);
    const hash = createHash('sha256').update(JSON.stringify(d.value.result)).digest('hex');
    expect({ version: RECONSTRUCTION_METHOD.version, sha256: hash }).toEqual({ version: '1.2.0', sha256 });
  });
});
