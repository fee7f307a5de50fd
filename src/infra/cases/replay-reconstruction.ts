import type { Catalogue } from '../../identification/index.js';
import { motorTemplateSchema, SalvoFailure, type MotorTemplate } from '../../kernel/index.js';
import type { FeatureCollection } from '../../reconstruction/geojson.js';
import {
  parseTrackCsv,
  reconstructDetailed,
  reconstructionGeoJson,
  type ReconstructionResult,
} from '../../reconstruction/index.js';
import { loadCatalogue } from '../catalogue/load.js';
import { sha256Hex } from '../crypto/hash.js';

/** What a stored reconstruction ran with (its `config`): enough to replay it. */
export interface ReconstructionConfig {
  templateId: string;
  template: MotorTemplate;
  candidates: string[];
  catalogueVersion: string;
}

/** Catalogue types that carry a motor template (the candidates scored in `types`). */
export function templatesOf(cat: Catalogue): { id: string; template: MotorTemplate }[] {
  const out: { id: string; template: MotorTemplate }[] = [];
  for (const t of cat.types) {
    const m = (t as { motor?: { template?: unknown } }).motor;
    if (m?.template) {
      const r = motorTemplateSchema.safeParse(m.template);
      if (r.success) out.push({ id: t.id, template: r.data });
    }
  }
  return out;
}

/**
 * Re-runs a stored reconstruction from its stored track text and configuration (the template it was fitted
 * with, the candidate ids). Candidates come from the current catalogue: the caller compares catalogue versions.
 * (`salvo replay`, and the server for runs stored without their GeoJSON.)
 */
export async function replayReconstruction(
  input: string,
  config: ReconstructionConfig,
): Promise<{
  result: ReconstructionResult & { inputSha256: string };
  catalogueVersion: string;
  /** The run's GeoJSON, as `salvo reconstruct --geojson` writes it. */
  geojson: FeatureCollection;
}> {
  const track = parseTrackCsv(input, 'stored track');
  if (!track.ok) throw new SalvoFailure(track.error);
  const cat = await loadCatalogue();
  const candidates = templatesOf(cat).filter(
    (c) => config.candidates.includes(c.id) && c.id !== config.templateId,
  );
  const d = reconstructDetailed(track.value, {
    template: config.template,
    templateId: config.templateId,
    candidates,
  });
  if (!d.ok) throw new SalvoFailure(d.error);
  return {
    result: { ...d.value.result, inputSha256: sha256Hex(input) },
    catalogueVersion: cat.version,
    geojson: reconstructionGeoJson(d.value, track.value.observations),
  };
}
