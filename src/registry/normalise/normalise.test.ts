import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kyivLocalToUtc } from './kyiv-time.js';
import { resolveModelLabel } from './models.js';
import { resolvePlace } from './places.js';
import { parsePythonLiteral, PyLiteralError, type PyValue } from './python-literal.js';
import { splitAnd } from './text.js';

describe('parsePythonLiteral', () => {
  it('reads the Air Force dicts and lists with single quotes and NaN', () => {
    const d = parsePythonLiteral("{'south': 61, 'west': 3, 'east': NaN, 'north': NaN}") as Record<
      string,
      number
    >;
    expect(d.south).toBe(61);
    expect(Number.isNaN(d.east)).toBe(true);
    expect(parsePythonLiteral("['Kharkiv oblast', 'Donetsk oblast']")).toEqual([
      'Kharkiv oblast',
      'Donetsk oblast',
    ]);
    expect(parsePythonLiteral("{        'Iskander-K': 'Kursk oblast',    }")).toEqual({
      'Iskander-K': 'Kursk oblast',
    });
    expect(parsePythonLiteral("{'russia': 1.0}")).toEqual({ russia: 1 });
    expect(parsePythonLiteral("(None, True, False, 'it\\'s', \"x\")")).toEqual([
      null,
      true,
      false,
      "it's",
      'x',
    ]);
  });
  it('names the character where text is malformed', () => {
    expect(() => parsePythonLiteral("{'a': 1")).toThrow(PyLiteralError);
    expect(() => parsePythonLiteral("{'a' 1}")).toThrow(/expected ':' at character 6/);
    expect(() => parsePythonLiteral('__import__("os")')).toThrow(PyLiteralError);
  });
  it('reads back any value written as a Python literal', () => {
    const repr = (v: PyValue): string =>
      v === null
        ? 'None'
        : typeof v === 'boolean'
          ? v
            ? 'True'
            : 'False'
          : typeof v === 'number'
            ? String(v)
            : typeof v === 'string'
              ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
              : Array.isArray(v)
                ? `[${v.map(repr).join(', ')}]`
                : `{${Object.entries(v)
                    .map(([k, x]) => `${repr(k)}: ${repr(x)}`)
                    .join(', ')}}`;
    const value = fc.letrec<{ v: PyValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
        fc.string(),
        fc.array(tie('v')),
        fc.dictionary(fc.string(), tie('v')),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(parsePythonLiteral(repr(v))).toEqual(v);
      }),
      { numRuns: 500 },
    );
  });
});

describe('kyivLocalToUtc (Europe/Kyiv, EET/EEST)', () => {
  const iso = (c: { utc: number }): string => new Date(c.utc).toISOString();
  it('converts winter (UTC+2) and summer (UTC+3) wall-clock times', () => {
    expect(iso(kyivLocalToUtc(2024, 1, 2, 7, 0))).toBe('2024-01-02T05:00:00.000Z');
    expect(iso(kyivLocalToUtc(2024, 6, 6, 18, 0))).toBe('2024-06-06T15:00:00.000Z');
  });
  it('flags the repeated autumn hour and takes the earlier instant', () => {
    // 27 Oct 2024: 04:00 EEST -> 03:00 EET, so 03:30 happens twice.
    const c = kyivLocalToUtc(2024, 10, 27, 3, 30);
    expect(c.ambiguous).toBe(true);
    expect(iso(c)).toBe('2024-10-27T00:30:00.000Z');
  });
  it('flags the skipped spring hour', () => {
    // 31 Mar 2024: 03:00 EET -> 04:00 EEST; 03:30 does not exist.
    const c = kyivLocalToUtc(2024, 3, 31, 3, 30);
    expect(c.nonexistent).toBe(true);
    expect(iso(c)).toBe('2024-03-31T01:30:00.000Z');
  });
  it('agrees with the platform zone database at every hour of a year', () => {
    const fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Kyiv',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2024, 0, 1); t += 3_600_000) {
      const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
      const c = kyivLocalToUtc(p.year!, p.month!, p.day!, p.hour!, p.minute!);
      if (!c.ambiguous) expect(c.utc).toBe(t);
    }
  });
});

describe('resolvePlace', () => {
  it.each([
    ['Kursk oblast', 'region', 'RU-KRS'],
    ['Crimea', 'region', 'UA-43'],
    ['Hvardiiske, Crimea', 'settlement', 'UA-43'],
    ['Belgorod oblast', 'region', 'RU-BEL'],
    ['Voronezh oblast', 'region', 'RU-VOR'],
    ['Shatalovo', 'site', 'RU-SMO'],
    ['Kyiv', 'region', 'UA-30'],
    ['Kyiv oblast', 'region', 'UA-32'],
    ['Kharkiv', 'settlement', 'UA-63'],
    ['Dnipropetrovsk oblas', 'region', 'UA-12'],
    ['Харківська область', 'region', 'UA-63'],
    ['Ukraine', 'country', 'UA'],
  ])('%s -> %s %s', (raw, kind, iso) => {
    const p = resolvePlace(raw);
    expect(p.kind).toBe(kind);
    expect(p.iso).toBe(iso);
    expect(p.raw).toBe(raw);
  });
  it('keeps directions and seas as what they are, never as regions', () => {
    expect(resolvePlace('north')).toMatchObject({ kind: 'direction', direction: 'north' });
    expect(resolvePlace('north').iso).toBeUndefined();
    expect(resolvePlace('Black Sea')).toMatchObject({ kind: 'sea', iso: undefined });
    expect(resolvePlace('Black Sea, Anapa')).toMatchObject({ kind: 'sea', note: 'at sea near Anapa' });
    expect(resolvePlace('Kyiv oblast (south)')).toMatchObject({
      kind: 'region',
      iso: 'UA-32',
      direction: 'south',
    });
  });
  it('keeps unknown text with a note, and notes the parts it could not place', () => {
    const atlantis = resolvePlace('Atlantis');
    expect(atlantis).toMatchObject({ kind: 'unknown', raw: 'Atlantis' });
    expect(atlantis.iso).toBeUndefined();
    expect(resolvePlace('Dnipropetrovsk oblast, Kryvyi Rih Raion')).toMatchObject({
      iso: 'UA-12',
      note: 'not resolved: Kryvyi Rih Raion',
    });
  });
});

describe('model labels', () => {
  it('resolves Air Force spellings and keeps ambiguous pairs as pairs', () => {
    expect(resolveModelLabel('Iskander-M')?.id).toBe('iskander-m');
    expect(resolveModelLabel('KN-23')?.id).toBe('hwasong-11ga');
    expect(resolveModelLabel('Iskander-M/KN-23')).toMatchObject({
      id: 'iskander-m-or-kn-23',
      members: ['iskander-m', 'hwasong-11ga'],
    });
    expect(resolveModelLabel('intercontinental ballistic missile')?.id).toBe('icbm-unspecified');
    expect(resolveModelLabel('Zzz-1')).toBeUndefined();
  });
  it('splits " and "-joined lists, tolerating doubled joins', () => {
    expect(splitAnd('Kursk oblast and Oryol oblast and and Shatalovo')).toEqual([
      'Kursk oblast',
      'Oryol oblast',
      'Shatalovo',
    ]);
    expect(splitAnd('')).toEqual([]);
  });
});
