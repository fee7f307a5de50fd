import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatProblem,
  isCalendarDate,
  motorTemplateSchema,
  parseIsoInstant,
  seededRng,
  toIso,
} from './index.js';

describe('parseIsoInstant', () => {
  it('converts explicit zones to UTC', () => {
    expect(toIso(parseIsoInstant('2024-01-02T07:30:00+02:00')!)).toBe('2024-01-02T05:30:00.000Z');
    expect(toIso(parseIsoInstant('2024-01-02 05:30Z')!)).toBe('2024-01-02T05:30:00.000Z');
    expect(toIso(parseIsoInstant('2024-01-02T05:30:00.25-0130')!)).toBe('2024-01-02T07:00:00.250Z');
  });
  it('rejects text without a zone and impossible dates', () => {
    expect(parseIsoInstant('2024-01-02T05:30:00')).toBeUndefined();
    expect(parseIsoInstant('2024-02-31T05:30:00Z')).toBeUndefined();
    expect(parseIsoInstant('2024-01-02T24:00:00Z')).toBeUndefined();
    expect(parseIsoInstant('yesterday')).toBeUndefined();
  });
  it('round-trips every instant through toIso', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4102444800000 }), (ms) => {
        expect(parseIsoInstant(toIso(ms as never))).toBe(ms);
      }),
    );
  });
  it('recognises calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-2-1')).toBe(false);
  });
});

describe('formatProblem', () => {
  it('prints FILE:LINE: field: reason', () => {
    expect(formatProblem({ file: 'a.csv', line: 3, field: 'lat', reason: 'not a number' })).toBe(
      'a.csv:3: lat: not a number',
    );
    expect(formatProblem({ reason: 'empty file', file: 'a.csv' })).toBe('a.csv: empty file');
  });
});

describe('seededRng', () => {
  it('is reproducible and roughly standard normal', () => {
    const a = seededRng(42);
    const b = seededRng(42);
    expect(a.next()).toBe(b.next());
    const r = seededRng(7);
    let s = 0;
    let s2 = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
    }
    // mean within 4 standard errors of 0, variance within 4 % of 1
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.04);
  });
});

describe('motorTemplateSchema', () => {
  const generic = {
    m0Kg: 4000,
    mfKg: 1500,
    burnTimeS: { value: 25, sigma: 2 },
    exhaustVelocityMps: 2500,
    verticalRiseS: 4,
    kickS: 6,
    cdAM2: 0.12,
  };
  it('accepts the generic SRBM of DOMAIN.md', () => {
    expect(motorTemplateSchema.safeParse(generic).success).toBe(true);
  });
  it('names the field that is wrong', () => {
    const r = motorTemplateSchema.safeParse({ ...generic, mfKg: 5000 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['mfKg']);
    const neg = motorTemplateSchema.safeParse({ ...generic, burnTimeS: -1 });
    expect(neg.error?.issues[0]?.path).toEqual(['burnTimeS']);
    expect(motorTemplateSchema.safeParse({ ...generic, thrustN: 1 }).success).toBe(false);
  });
});
