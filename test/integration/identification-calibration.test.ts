import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadCalibrationRows,
  loadCatalogue,
  runCalibration,
  TESTS_FILE,
} from '../../bench/identification-calibration.js';

type Calibration = ReturnType<typeof runCalibration>;

/**
 * Calibration of identification on the CNS North Korea Missile Test Database (../shared/data; skipped when
 * absent). Pins the figures reported in docs/accuracy/identification.md: the counts exactly, the log-losses
 * to 1e-3. A change here means the doc must be regenerated (`npx tsx bench/identification-calibration.ts`).
 */
describe.skipIf(!existsSync(TESTS_FILE))('issue-5: identification calibration on CNS DPRK tests', () => {
  // Computed in beforeAll, not in the describe body: vitest runs a skipped suite's body to collect its tests.
  let loaded: ReturnType<typeof loadCalibrationRows>;
  let cvUniform: Calibration['cvUniform'];
  let cvFreq: Calibration['cvFreq'];
  let logo: Calibration['logo'];
  let shipped: Calibration['shipped'];
  beforeAll(() => {
    const cat = loadCatalogue();
    loaded = loadCalibrationRows(cat);
    ({ cvUniform, cvFreq, logo, shipped } = runCalibration(cat, loaded));
  }, 120_000);

  it('uses the rows of catalogued DPRK types that have apogee and distance', () => {
    expect(loaded.totalTests).toBe(339);
    expect(loaded.rows).toHaveLength(122);
    expect(new Set(loaded.rows.map((r) => r.group)).size).toBe(46);
  });
  it('reproduces the documented cross-validated figures', () => {
    expect([cvUniform.top1Correct, cvFreq.top1Correct, logo.top1Correct, shipped.top1Correct]).toEqual([
      74, 82, 71, 86,
    ]);
    expect(cvUniform.logLoss).toBeCloseTo(1.332, 3);
    expect(cvFreq.logLoss).toBeCloseTo(1.269, 3);
    expect(logo.logLoss).toBeCloseTo(1.102, 3);
  });
  it('does better than the prior alone on log-loss, and keeps "none" rare on catalogued types', () => {
    expect(cvFreq.logLoss).toBeLessThan(cvFreq.baseline.logLoss);
    expect(cvUniform.noneTopRate).toBeLessThan(0.05);
  });
});
