import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { seededRng, utcInstant, degrees, meters } from '../kernel/index.js';
import { GENERIC_SRBM } from './motor.js';
import { simulate } from './simulate.js';
import { parseTrackCsv, TRACK_COLUMNS, writeTrackCsv } from './track-csv.js';

const HEAD = TRACK_COLUMNS.join(',');
const radar = (t: string, extra: Partial<Record<string, string>> = {}): string => {
  const v: Record<string, string> = {
    t,
    kind: 'radar',
    site_lat: '49.9',
    site_lon: '35',
    site_alt_m: '120',
    range_m: '138000',
    az_deg: '55',
    el_deg: '1.5',
    sigma_range_m: '50',
    sigma_angle_deg: '0.1',
    ...extra,
  };
  return TRACK_COLUMNS.map((c) => v[c] ?? '').join(',');
};
const problemsOf = (text: string): { line?: number; field?: string; reason: string }[] => {
  const r = parseTrackCsv(text);
  expect(r.ok).toBe(false);
  return r.ok ? [] : [...(r.error.problems ?? [])];
};

describe('TRACK.csv', () => {
  it('round-trips a simulated track exactly (writer -> parser)', () => {
    const sim = simulate({
      motor: GENERIC_SRBM,
      launch: { latDeg: 50.6, lonDeg: 36.6, altM: 150 },
      launchTime: utcInstant(Date.UTC(2024, 0, 2, 5, 0, 0)),
      azimuthDeg: 250,
      kickDeg: 68,
      radars: [
        { site: { latDeg: degrees(49.9), lonDeg: degrees(35), altM: meters(120) }, fromS: 100, toS: 110 },
      ],
      sigmaRangeRateMps: 2,
      impactSigmaM: 30,
      launchSigmaM: 5000,
      rng: seededRng(3),
    });
    expect(sim.ok).toBe(true);
    if (!sim.ok) return;
    const back = parseTrackCsv(writeTrackCsv(sim.value.observations));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.observations.map((o) => ({ ...o, line: 0 }))).toEqual(sim.value.observations);
    expect(back.value.observations[1]?.line).toBe(3);
  });

  it('parses the fixture track', () => {
    const text = readFileSync(new URL('../../test/fixtures/tracks/radar-boost.csv', import.meta.url), 'utf8');
    const r = parseTrackCsv(text, 'radar-boost.csv');
    expect(r.ok).toBe(true);
  });

  it('issue-3: names the row and column of every bad input', () => {
    const text = [
      HEAD,
      radar('2024-01-02T05:00:10Z'),
      radar('2024-01-02T05:00:11Z', { kind: 'radr' }),
      radar('2024-01-02T05:00:12Z', { sigma_range_m: '' }),
      radar('2024-01-02T05:00:09Z'),
      radar('2024-01-02T07:00:14+02:00'),
      radar('2024-01-02T05:00:15'),
      radar('2024-01-02T05:00:16Z', { site_alt_m: '-6371000' }),
      radar('2024-01-02T05:00:17Z', { range_m: 'NaN' }),
      radar('2024-01-02T05:00:18Z', { range_rate_mps: '12' }),
    ].join('\n');
    const p = problemsOf(text);
    const find = (line: number, field: string): string | undefined =>
      p.find((q) => q.line === line && q.field === field)?.reason;
    expect(find(3, 'kind')).toMatch(/unknown kind "radr"/);
    expect(find(4, 'sigma_range_m')).toMatch(/missing sigma/);
    expect(find(5, 't')).toMatch(/out of order/);
    expect(find(6, 't')).toMatch(/local zone/);
    expect(find(7, 't')).toMatch(/no zone/);
    expect(find(8, 'site_alt_m')).toMatch(/inside the Earth/);
    expect(find(9, 'range_m')).toMatch(/not a finite number/);
    expect(find(10, 'sigma_range_rate_mps')).toMatch(/missing sigma/);
  });

  it('rejects unknown columns and an empty file', () => {
    expect(problemsOf(`${HEAD},colour\n`)[0]).toMatchObject({ line: 1, field: 'colour' });
    expect(parseTrackCsv('').ok).toBe(false);
  });

  it('accepts impact and launch rows without a time', () => {
    const row = (v: Record<string, string>): string => TRACK_COLUMNS.map((c) => v[c] ?? '').join(',');
    const r = parseTrackCsv(
      [
        HEAD,
        row({ kind: 'launch', lat: '50.6', lon: '36.6', sigma_h_m: '5000' }),
        row({ kind: 'impact', lat: '49.76', lon: '33.25', alt_m: '100', sigma_h_m: '20' }),
      ].join('\n'),
    );
    expect(r.ok).toBe(true);
  });
});
