import type { Observation } from './observation.js';

/**
 * A 32-bit seed derived from the content of a track (FNV-1a over its canonical JSON form), so that every
 * randomised step of a reconstruction (Monte Carlo p-values, posterior sampling) replays bit-identically from the
 * same input and differs between inputs. `salt` separates the streams of different steps.
 */
export function inputSeed(observations: readonly Observation[], salt = 0): number {
  const text = JSON.stringify(observations);
  let h = 0x811c9dc5 ^ (salt >>> 0);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Seed salts of the randomised steps (fixed: changing one changes replayed figures). */
export const SEED_SALT = { departure: 0x0d0e, quickLookDeparture: 0x0a1c, posterior: 0x05a3 } as const;
