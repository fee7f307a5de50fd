import { fileURLToPath } from 'node:url';
import { parseCatalogue, type Catalogue } from '../../identification/index.js';
import { SalvoFailure } from '../../kernel/index.js';
import { readJsonFile } from '../files/read-json.js';

/** The catalogue shipped with Salvo (catalogue/ at the package root), from src/ or dist/ alike. */
export const DEFAULT_CATALOGUE = fileURLToPath(
  new URL('../../../catalogue/salvo-catalogue.json', import.meta.url),
);

/** Loads and validates a catalogue; every problem names its path (types[3].bodyDiameterM.min). */
export async function loadCatalogue(path = DEFAULT_CATALOGUE): Promise<Catalogue> {
  const label = path === DEFAULT_CATALOGUE ? 'catalogue/salvo-catalogue.json' : path;
  const r = parseCatalogue(await readJsonFile(path, label), label);
  if (!r.ok) throw new SalvoFailure(r.error);
  return r.value;
}
