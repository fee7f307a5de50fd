import { MISSILE_MODELS, type MissileModelRecord } from '../model/missile-models.js';
import { nameKey } from './text.js';

let byAlias: Map<string, MissileModelRecord> | undefined;

/** The model a label names (exactly one label, not an " and "-joined list), or undefined when unrecognised. */
export function resolveModelLabel(label: string): MissileModelRecord | undefined {
  if (!byAlias) {
    byAlias = new Map();
    for (const model of MISSILE_MODELS) {
      for (const a of [model.id, model.name, ...model.aliases]) {
        const k = nameKey(a);
        if (!byAlias.has(k)) byAlias.set(k, model);
      }
    }
  }
  return byAlias.get(nameKey(label));
}

/** A stable id for a label Salvo does not know yet; such models are registered as `unspecified`. */
export const unrecognisedModelId = (label: string): string =>
  `label:${nameKey(label).replace(/[^\p{L}\p{N}]+/gu, '-')}`;
