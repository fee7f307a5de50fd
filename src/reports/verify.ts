import { canonicalJson } from '../evidence/model/canonical.js';
import { CASE_DOSSIER_FORMAT, DOSSIER_FORMAT } from './model.js';
import type { ReportHasher } from './ports.js';
import { DOSSIER_SCRIPT_ID } from './render/html-dossier.js';

export interface DossierCheck {
  readonly ok: boolean;
  /** The hash the document states (meta element and text). */
  readonly stated: string | null;
  /** SHA-256 of the canonical JSON of the embedded model. */
  readonly computed: string | null;
  readonly incident: string | null;
  /** 'incident' for an incident dossier, 'case' for a case dossier (from the embedded model's format). */
  readonly kind: 'incident' | 'case' | null;
  readonly edition: string | null;
  readonly problems: readonly string[];
}

/**
 * Checks an HTML dossier offline: extracts the embedded model, re-encodes it as RFC 8785 canonical JSON, hashes
 * it and compares with the hash the document states (in its meta element and in the text of every page).
 */
export function verifyDossierHtml(html: string, hasher: ReportHasher): DossierCheck {
  const problems: string[] = [];
  const stated = /<meta name="salvo-document-sha256" content="([0-9a-f]{64})">/.exec(html)?.[1] ?? null;
  const shown = /id="document-hash">([0-9a-f]{64})</.exec(html)?.[1] ?? null;
  if (!stated) problems.push('no salvo-document-sha256 meta element');
  if (stated && shown && stated !== shown)
    problems.push(`the hash in the text (${shown}) differs from the meta element (${stated})`);
  const m = new RegExp(
    `<script type="application/json" id="${DOSSIER_SCRIPT_ID}">([\\s\\S]*?)</script>`,
  ).exec(html);
  let computed: string | null = null;
  let incident: string | null = null;
  let edition: string | null = null;
  let kind: DossierCheck['kind'] = null;
  if (!m) problems.push('no embedded dossier model');
  else {
    try {
      const model = JSON.parse(m[1]!) as {
        format?: string;
        incident?: { id?: string };
        edition?: { audience?: string };
      };
      kind =
        model.format === CASE_DOSSIER_FORMAT ? 'case' : model.format === DOSSIER_FORMAT ? 'incident' : null;
      computed = hasher.sha256Hex(canonicalJson(model));
      incident = model.incident?.id ?? null;
      edition = model.edition?.audience ?? null;
      if (stated && computed !== stated)
        problems.push(`the embedded model hashes to ${computed}, not ${stated}`);
    } catch (e) {
      problems.push(`the embedded model is not valid JSON: ${(e as Error).message}`);
    }
  }
  return { ok: problems.length === 0, stated, computed, incident, kind, edition, problems };
}
