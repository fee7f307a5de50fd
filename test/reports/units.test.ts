import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_RATES } from '../../src/reports/error-rates.js';
import { CONFIDENCE_SCALE, confidenceOf } from '../../src/reports/confidence.js';
import { mayInclude, redactIdentifiers } from '../../src/reports/redaction.js';
import { urnUuid } from '../../src/reports/ids.js';
import { reportHasher } from '../../src/infra/reports/report-source.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('report building blocks', () => {
  it('maps posteriors to words on the stated scale, with inclusive lower bounds and the profile-only cap', () => {
    expect(confidenceOf(0.995).words).toBe('virtually certain');
    expect(confidenceOf(0.99).words).toBe('virtually certain');
    expect(confidenceOf(0.9899).words).toBe('very likely');
    expect(confidenceOf(0.66).words).toBe('likely');
    expect(confidenceOf(0.5).words).toBe('about as likely as not');
    expect(confidenceOf(0.2).words).toBe('unlikely');
    expect(confidenceOf(0.05).words).toBe('very unlikely');
    expect(confidenceOf(0.001).words).toBe('exceptionally unlikely');
    const capped = confidenceOf(0.999, { profileOnly: true });
    expect(capped.words).toBe('very likely');
    expect(capped.cap).toMatch(/flight-profile features alone/);
    expect(() => confidenceOf(1.2)).toThrow(RangeError);
    // the scale covers [0, 1] without gaps
    for (let k = 0; k + 1 < CONFIDENCE_SCALE.length; k++)
      expect(CONFIDENCE_SCALE[k]!.min).toBe(CONFIDENCE_SCALE[k + 1]!.max);
  });

  it('quotes documented error rates that still appear verbatim in docs/accuracy', () => {
    for (const r of ERROR_RATES) {
      const doc = readFileSync(join(ROOT, r.source), 'utf8');
      for (const c of r.checks)
        expect(doc, `${r.source} no longer contains '${c}' (${r.topic})`).toContain(c);
    }
  });

  it('redaction: audiences include up to their level; identifiers are masked as whole tokens only', () => {
    expect(mayInclude('public', 'restricted')).toBe(false);
    expect(mayInclude('restricted', 'restricted')).toBe(true);
    expect(mayInclude('restricted', 'sealed')).toBe(false);
    expect(mayInclude('sealed', 'sealed')).toBe(true);
    const v = redactIdentifiers({ a: 'see EV-000004 and EV-0000041', b: ['abcdef0123'] }, [
      'EV-000004',
      'abcdef0123',
    ]);
    expect(v).toEqual({ a: 'see [withheld] and EV-0000041', b: ['[withheld]'] });
  });

  it('Atom ids are permanent name-based UUIDs (RFC 9562 version 8)', () => {
    const a = urnUuid(reportHasher, 'salvo:incident:X');
    expect(a).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(urnUuid(reportHasher, 'salvo:incident:X')).toBe(a);
    expect(urnUuid(reportHasher, 'salvo:incident:Y')).not.toBe(a);
  });
});
