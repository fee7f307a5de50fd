import { describe, expect, it } from 'vitest';
import { earliestAssembly } from './assembly.js';
import type { Component } from './component.js';
import { parseDateCode } from './date-code.js';
import { byCountry, byManufacturer } from './summary.js';
import { normaliseManufacturer } from './manufacturers.js';

const comp = (
  id: string,
  maker: string | undefined,
  code: string | undefined,
  calendar?: 'juche',
): Component => {
  const m = maker ? normaliseManufacturer(maker) : undefined;
  const r = code ? parseDateCode(code, { calendar, referenceYear: 2024 }) : undefined;
  return {
    id,
    item: 'EV-000001',
    marking: `${maker ?? ''} ${code ?? ''}`.trim(),
    ...(maker ? { manufacturerRaw: maker } : {}),
    ...(m ? { manufacturer: m.name, country: m.country } : {}),
    ...(code ? { dateCodeRaw: code } : {}),
    ...(r ? { dateCode: r } : {}),
    event: 1,
    createdAt: '2024-04-01T00:00:00.000Z',
  };
};

describe('earliest possible assembly', () => {
  const parts = [
    comp('C1', 'Analog Devices Inc.', '2231'),
    comp('C2', 'TEXAS INSTRUMENTS', '2310'),
    comp('C3', 'XP Power', '2145'),
    comp('C4', undefined, '112', 'juche'),
    comp('C5', 'NXP', '305'), // YWW: decade assumed, too uncertain to bound anything
    comp('C6', 'Traco', undefined),
  ];

  it('is the latest earliest-production day, with the components that set it', () => {
    const b = earliestAssembly(parts)!;
    expect(b.notBefore).toBe('2023-03-06');
    expect(b.setBy.map((c) => c.id)).toEqual(['C2']);
    expect(b.sentence).toMatch(
      /^Could not have been assembled before 6 March 2023: .*Texas Instruments .*C2, date code '2310' = 2023 week 10/,
    );
    expect(b.excluded.map((e) => e.id).sort()).toEqual(['C5', 'C6']);
  });

  it('counts by manufacturer and by country of headquarters', () => {
    expect(byCountry(parts).map((r) => [r.key, r.count])).toEqual([
      ['US', 2],
      ['(unknown)', 1],
      ['CH', 1],
      ['NL', 1],
      ['SG', 1],
    ]);
    expect(byManufacturer(parts).find((r) => r.key === 'Analog Devices')).toMatchObject({
      country: 'US',
      count: 1,
      dated: 1,
    });
  });

  it('is undefined without a usable date code', () => {
    expect(earliestAssembly([comp('C6', 'Traco', undefined)])).toBeUndefined();
  });
});
