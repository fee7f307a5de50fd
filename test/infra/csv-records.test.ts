import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords, type CsvRecord } from '../../src/infra/files/csv-records.js';
import { SalvoFailure } from '../../src/kernel/index.js';

async function* chunked(text: string, sizes: number[]): AsyncGenerator<string> {
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const size = Math.max(1, sizes[k++ % Math.max(1, sizes.length)] ?? text.length);
    yield text.slice(i, i + size);
    i += size;
  }
}

async function collect(text: string, sizes: number[] = [1 << 20], max?: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of csvRecords(chunked(text, sizes), { label: 't.csv', maxRecordChars: max }))
    out.push(...batch);
  return out;
}

const quote = (f: string): string => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);

describe('csvRecords', () => {
  it('reads quoted fields, escapes, CRLF and names the physical line of each record', async () => {
    const text = 'a,b,c\r\n1,"x, ""y""",3\n"multi\nline",2,\n\nlast,row,"end"';
    const recs = await collect(text);
    expect(recs.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"', '3'],
      ['multi\nline', '2', ''],
      ['last', 'row', 'end'],
    ]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it('agrees with csv-parse on generated files, whatever the chunking', async () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '€', '{', "'"),
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        async (rows, sizes, trailingNewline) => {
          const width = rows[0]!.length;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? 'z'));
          const text = table.map((r) => r.map(quote).join(',')).join('\n') + (trailingNewline ? '\n' : '');
          const expected = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
          const got = await collect(text, sizes);
          expect(got.map((r) => r.fields)).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('rejects an overlong record without buffering the whole of it', async () => {
    const huge = 'a,b\n1,' + 'x'.repeat(5000) + '\n';
    await expect(collect(huge, [100], 1000)).rejects.toThrow(/longer than 1000 characters/);
  });

  it('names the line of an unterminated quote and of stray quotes', async () => {
    const e1 = await collect('a,b\n1,"open\n2,3\n').catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(SalvoFailure);
    expect((e1 as SalvoFailure).error.problems?.[0]).toMatchObject({ file: 't.csv', line: 2 });
    const e2 = await collect('a,b\n1,x"y\n').catch((e: unknown) => e);
    expect((e2 as SalvoFailure).error.problems?.[0]).toMatchObject({ line: 2 });
  });
});
