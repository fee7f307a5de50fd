import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeekMonday, jucheToGregorian, parseDateCode, weeksInIsoYear } from './date-code.js';

describe('date codes', () => {
  it('Juche years: Gregorian = Juche + 1911 (112 = 2023, 113 = 2024)', () => {
    expect(jucheToGregorian(112)).toBe(2023);
    expect(jucheToGregorian(113)).toBe(2024);
    expect(parseDateCode('주체112')).toMatchObject({
      format: 'JUCHE',
      year: 2023,
      from: '2023-01-01',
      to: '2023-12-31',
      confidence: 0.9,
    });
    expect(parseDateCode('Juche 113')).toMatchObject({ year: 2024, confidence: 0.9 });
    expect(parseDateCode('112', { calendar: 'juche' })).toMatchObject({
      format: 'JUCHE',
      year: 2023,
      confidence: 0.7,
    });
  });

  it('YYWW, YYYYWW and YWW with ISO weeks, the raw text kept', () => {
    expect(parseDateCode('2310')).toMatchObject({
      raw: '2310',
      format: 'YYWW',
      year: 2023,
      week: 10,
      from: '2023-03-06',
      to: '2023-03-12',
      confidence: 0.8,
    });
    expect(parseDateCode('202101')).toMatchObject({
      format: 'YYYYWW',
      from: '2021-01-04',
      to: '2021-01-10',
      confidence: 0.9,
    });
    expect(parseDateCode('2020-53')).toMatchObject({ format: 'YYYYWW', week: 53, from: '2020-12-28' });
    expect(parseDateCode('137', { referenceYear: 2024 })).toMatchObject({
      format: 'YWW',
      year: 2021,
      week: 37,
      confidence: 0.5,
    });
    expect(parseDateCode('2137A')).toMatchObject({ format: 'YYWW', year: 2021, confidence: 0.64 });
  });

  it('a bare 3-digit code that could be a Juche year says so', () => {
    const r = parseDateCode('112', { referenceYear: 2024 })!;
    expect(r.format).toBe('YWW');
    expect(r.confidence).toBe(0.4);
    expect(r.alternatives?.[0]).toMatchObject({ format: 'JUCHE', year: 2023 });
  });

  it('refuses what is not a date code', () => {
    for (const s of ['', 'ABC', '2154', '2021-54', '1953', '12', '1234567', '2154X'])
      expect(parseDateCode(s), s).toBeUndefined();
    expect(parseDateCode('2053')).toMatchObject({ year: 2020, week: 53 }); // 2020 has 53 ISO weeks
  });

  it('every valid YYWW reads back to its ISO week (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 53 }), (yy, ww) => {
        const year = 2000 + yy;
        const code = `${String(yy).padStart(2, '0')}${String(ww).padStart(2, '0')}`;
        const r = parseDateCode(code, { referenceYear: 2100 });
        if (ww > weeksInIsoYear(year)) return r === undefined;
        const mon = isoWeekMonday(year, ww);
        return (
          r !== undefined &&
          r.from === new Date(mon).toISOString().slice(0, 10) &&
          new Date(mon).getUTCDay() === 1
        );
      }),
      { numRuns: 2000 },
    );
  });
});
