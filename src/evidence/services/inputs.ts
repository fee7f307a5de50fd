import { parseIsoInstant, toIso, utcInstant } from '../../kernel/index.js';
import { invalid } from '../errors.js';
import { isActorName } from '../model/key.js';
import { isSensitivity, type Sensitivity } from '../model/sensitivity.js';

/** ISO 8601 with a zone -> ISO 8601 UTC with milliseconds; undefined stays undefined. */
export function instantOrUndefined(field: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = parseIsoInstant(text);
  if (t === undefined)
    throw invalid(field, `'${text}' is not an ISO 8601 time with a zone (e.g. 2024-01-02T05:30:00Z)`);
  return toIso(utcInstant(t));
}

export function sensitivityOf(text: string | undefined, fallback: Sensitivity = 'restricted'): Sensitivity {
  if (text === undefined) return fallback;
  if (!isSensitivity(text))
    throw invalid('--sensitivity', `'${text}' is not one of public, restricted, sealed`);
  return text;
}

export function actorName(field: string, text: string): string {
  if (!isActorName(text))
    throw invalid(
      field,
      `'${text}' is not a usable name (non-empty, no control characters, no outer spaces)`,
    );
  return text;
}

export function positiveOrUndefined(field: string, x: number | undefined): number | undefined {
  if (x === undefined) return undefined;
  if (!Number.isFinite(x) || x <= 0) throw invalid(field, `${x} is not a positive number`);
  return x;
}

export function textOrUndefined(field: string, s: string | undefined, max = 10_000): string | undefined {
  if (s === undefined) return undefined;
  if (s.length > max) throw invalid(field, `longer than ${max} characters`);
  return s;
}
