import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { geodesicInverse } from '../geodesy/index.js';
import type { MotorTemplate } from '../kernel/index.js';
import { parseTrackCsv } from './track-csv.js';
import { reconstruct, reconstructDetailed } from './reconstruct.js';
import { reconstructionGeoJson } from './geojson.js';
import { RECONSTRUCTION_METHOD } from './result.js';
import type { Track } from './observation.js';

// Fixtures simulated from the generic SRBM of DOMAIN.md, launched at 50.6 N 36.6 E (150 m), 2024-01-02T05:00:00Z,
// azimuth 250°, kick 68°, truth integrated 4x finer than the fit (see test/fixtures/tracks/README.md).
const TRUTH = { latDeg: 50.6, lonDeg: 36.6, time: Date.UTC(2024, 0, 2, 5, 0, 0) };
const template: MotorTemplate = {
  m0Kg: 4000,
  mfKg: 1500,
  burnTimeS: { value: 25, sigma: 1 },
  exhaustVelocityMps: 2500,
  verticalRiseS: 4,
  kickS: 6,
  cdAM2: 0.12,
};
const load = (name: string): Track => {
  const r = parseTrackCsv(
    readFileSync(new URL(`../../test/fixtures/tracks/${name}`, import.meta.url), 'utf8'),
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('reconstruct (issue 3)', () => {
  it('recovers the launch point inside its 95 % ellipse from a radar that sees the late boost', () => {
    const r = reconstruct(load('radar-boost.csv'), { template, launchAltM: 150, groundAltM: 150 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    const miss = geodesicInverse(TRUTH.latDeg, TRUTH.lonDeg, v.launch.lat, v.launch.lon).distanceM;
    expect(miss).toBeLessThan(v.launch.ellipse95.semiMajorM);
    expect(v.launch.ellipse95.semiMajorM).toBeLessThan(300); // tens of metres, not the naive ~1.7 km
    expect(Math.abs(Date.parse(v.launch.time) - TRUTH.time) / 1000).toBeLessThan(
      4 * v.launch.timeSigmaS + 0.002,
    );
    expect(v.fit.chi2 / v.fit.dof).toBeGreaterThan(0.7);
    expect(v.fit.chi2 / v.fit.dof).toBeLessThan(1.3);
    expect(v.breakup.detected).toBe(false);
    expect(v.impact).not.toBeNull();
    expect(v.profile.groundRangeM).toBeGreaterThan(230e3);
    expect(v.profile.groundRangeM).toBeLessThan(300e3);
    // The --json shape, exactly.
    expect(Object.keys(v).sort()).toEqual([
      'breakup',
      'fit',
      'impact',
      'launch',
      'manoeuvre',
      'method',
      'profile',
      'types',
    ]);
    expect(Object.keys(v.launch).sort()).toEqual(['crlb', 'ellipse95', 'lat', 'lon', 'time', 'timeSigmaS']);
    expect(Object.keys(v.breakup).sort()).toEqual([
      'altM',
      'detected',
      'lat',
      'lon',
      'pValue',
      'statistic',
      'time',
    ]);
    expect(v.launch.crlb.semiMajorM).toBeLessThanOrEqual(v.launch.ellipse95.semiMajorM + 1e-9);
  });

  it('says when the Gaussian ellipse is adequate, and checks the fit with the quick look (UKF + RTS)', () => {
    const d = reconstructDetailed(load('radar-boost.csv'), { template, launchAltM: 150, groundAltM: 150 });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.posterior?.gaussianAdequate).toBe(true);
    expect(d.value.result.launch.hdr95).toBeUndefined();
    const q = d.value.quickLook!;
    expect(q.summary.validity).toMatch(/post-burnout only/);
    expect(q.fromS).toBeGreaterThan(d.value.profile.burnoutTimeS);
    expect(q.summary.nisPerDof).toBeGreaterThan(0.8);
    expect(q.summary.nisPerDof).toBeLessThan(1.2);
    expect(q.summary.agreementPValue).toBeGreaterThan(0.01);
    expect(q.summary.fitDifferenceRmsM).toBeLessThan(100);
    expect(q.smoothed.length).toBe(q.rows);
    expect(Math.abs(q.lnBeta.mean - Math.log(1500 / 0.12))).toBeLessThan(4 * q.lnBeta.sigma);
    expect(q.departure!.cusum.pValue).toBeGreaterThan(0.01);
    // The summary is in the details only: the --json result keeps the shape.
    expect(Object.keys(d.value.result)).not.toContain('quickLook');
  });

  it('detects an in-air breakup from the lost track, with statistic and p-value', () => {
    const r = reconstruct(load('radar-breakup.csv'), { template, launchAltM: 150, groundAltM: 150 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.breakup.detected).toBe(true);
    expect(r.value.breakup.pValue).toBeLessThan(1e-6);
    expect(r.value.impact).toBeNull();
    expect(Math.abs(Date.parse(r.value.breakup.time!) - TRUTH.time - 150_000)).toBeLessThan(2500);
  });

  it('locates the launch from sparse optical sightings plus the impact point', () => {
    const track = load('sightings-impact.csv');
    const d = reconstructDetailed(track, { template, launchAltM: 150, groundAltM: 150 });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const v = d.value.result;
    const miss = geodesicInverse(TRUTH.latDeg, TRUTH.lonDeg, v.launch.lat, v.launch.lon).distanceM;
    expect(miss).toBeLessThan(v.launch.ellipse95.semiMajorM);
    const gj = reconstructionGeoJson(d.value, track.observations);
    const kinds = gj.features.map((f) => f.properties['kind']);
    expect(kinds).toContain('trajectory');
    expect(kinds).toContain('launch-ellipse95');
    expect(kinds).toContain('impact-ellipse95');
    // The fixture's template estimates the burn time: kick angle, ln beta and burn time then lie on a curved
    // ridge and the launch posterior is not Gaussian: sampled, with its 95 % highest-density region.
    const post = d.value.posterior!;
    expect(post.gaussianAdequate).toBe(false);
    expect(post.nonlinearity).toBeGreaterThan(0.1);
    const hdr = v.launch.hdr95!;
    expect(hdr.polygon.length).toBe(73);
    expect(hdr.polygon[0]).toEqual(hdr.polygon[72]);
    expect(hdr.ellipseMass).toBeGreaterThan(0.8);
    expect(hdr.areaM2 / hdr.ellipseAreaM2).toBeGreaterThan(0.5);
    expect(hdr.areaM2 / hdr.ellipseAreaM2).toBeLessThan(2);
    expect(kinds).toContain('launch-hdr95');
    // Seeded from the track: a second run is bit-identical.
    const again = reconstructDetailed(track, { template, launchAltM: 150, groundAltM: 150 });
    expect(again.ok && again.value.result).toEqual(v);
    const line = gj.features[0]!.geometry;
    expect(line.type === 'LineString' && line.coordinates[10]!.length).toBe(3);
    // issue-7: one time after launch per vertex, increasing, so a client can plot altitude against time.
    const times = gj.features[0]!.properties['timesS'] as number[];
    expect(line.type === 'LineString' && times.length === line.coordinates.length).toBe(true);
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
  });

  it('ranks the right template first by BIC', () => {
    const wrong: MotorTemplate = { ...template, exhaustVelocityMps: 2300 };
    const r = reconstruct(load('radar-boost.csv'), {
      template,
      templateId: 'generic',
      candidates: [{ id: 'slow-motor', template: wrong }],
      launchAltM: 150,
      groundAltM: 150,
    });
    expect(r.ok && r.value.types.map((t) => t.id)).toEqual(['generic', 'slow-motor']);
  });

  it('says why when it cannot start or does not converge', () => {
    const track = load('sightings-impact.csv');
    const noAnchor = { observations: track.observations.filter((o) => o.kind === 'sighting') };
    const a = reconstruct(noAnchor, { template });
    expect(!a.ok && a.error.code).toBe('INVALID_INPUT');
    const b = reconstruct(load('radar-boost.csv'), {
      template,
      maxIterations: 1,
      starts: 1,
      launchAltM: 150,
      groundAltM: 150,
    });
    expect(!b.ok && b.error.code).toBe('NOT_CONVERGED');
    expect(!b.ok && b.error.message).toMatch(/within 1 iterations/);
  });
});

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
    const d = reconstructDetailed(load(file), { template, launchAltM: 150, groundAltM: 150 });
    if (!d.ok) throw new Error(d.error.message);
    const hash = createHash('sha256').update(JSON.stringify(d.value.result)).digest('hex');
    expect({ version: RECONSTRUCTION_METHOD.version, sha256: hash }).toEqual({ version: '1.2.0', sha256 });
  });
});
