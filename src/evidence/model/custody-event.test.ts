import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endsWithPrev } from '../services/check-event.js';
import {
  GENESIS,
  prevSuffix,
  recordText,
  RECORD_FORMAT,
  type CustodyRecord,
  type JsonObject,
} from './custody-event.js';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const json: fc.Arbitrary<JsonObject> = fc.dictionary(
  fc.string(),
  fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
  ),
);

describe('custody record encoding (RFC 8785)', () => {
  it('is the canonicalize package output and always ends with the prev link', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        json,
        fc.nat(),
        hex64,
        fc.option(hex64, { nil: null }),
        fc.option(fc.string(), { nil: null }),
        (actor, details, index, prev, itemPrev, place) => {
          const r: CustodyRecord = {
            actor,
            at: '2024-01-02T05:30:00.000Z',
            details,
            event: 'annotated',
            format: RECORD_FORMAT,
            index,
            item: 'EV-000001',
            itemPrev,
            key: 'ed25519:0123456789abcdef0123456789abcdef',
            loggedAt: '2024-01-02T06:00:00.000Z',
            place,
            prev,
          };
          const text = recordText(r);
          expect(text).toBe(canonicalize(r));
          expect(text.endsWith(prevSuffix(prev))).toBe(true);
          expect(endsWithPrev(text, prev)).toBe(true);
          expect(endsWithPrev(text, GENESIS === prev ? 'f'.repeat(64) : GENESIS)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
