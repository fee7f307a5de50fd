import type { HashedCaseDossier, HashedDossier } from '../model.js';

/** How to check a dossier offline, as numbered steps (shared by the HTML and Markdown renderers). */
export function verificationSteps(h: HashedDossier): string[] {
  const d = h.dossier;
  return [
    `The document hash ${h.sha256} is the SHA-256 of the RFC 8785 canonical JSON of the dossier model. The HTML edition embeds that model (script element "salvo-dossier"); \`salvo report verify FILE.html\` recomputes the hash offline, and \`salvo report incident ${d.incident.id} --format json\` rebuilds the model from the store.`,
    "Each exhibit's SHA-256 is the hash of the original file in the evidence locker; `sha256sum` of the file produced in court must match it.",
    'Ask for the export bundle (`salvo export bundle --incident ' +
      d.incident.id +
      " OUT`) and run `salvo verify-bundle OUT --checkpoint PUBLISHED.txt` on any machine with Salvo installed: it checks every file hash, every custody event's hash and Ed25519 signature, every item's chain and every inclusion proof against the signed checkpoint.",
    d.checkpoint
      ? `Compare the checkpoint root ${d.checkpoint.root} (size ${d.checkpoint.size}) with the one published independently; each exhibit's inclusion proof places its event in that tree (RFC 6962: leaf = SHA-256(0x00 || event hash), node = SHA-256(0x01 || left || right)).`
      : 'No checkpoint has been signed yet: once one is published, inclusion proofs can be checked against it.',
  ];
}

/** How to check a case dossier offline. */
export function caseVerificationSteps(h: HashedCaseDossier): string[] {
  const d = h.dossier;
  const lastDay = new Date(Date.parse(d.scope.to) - 86_400_000).toISOString().slice(0, 10);
  const scope = `--from ${d.scope.from.slice(0, 10)} --to ${lastDay}${d.scope.model ? ` --model ${d.scope.model}` : ''}${d.scope.launches !== null ? ` --launches ${d.scope.launches}` : ''}`;
  return [
    `The document hash ${h.sha256} is the SHA-256 of the RFC 8785 canonical JSON of the case model, which the HTML edition embeds (script element "salvo-dossier"): \`salvo report verify FILE.html\` recomputes it offline, and \`salvo report case ${scope} --audience ${d.edition.audience} --generated-at ${d.generatedAt} --format json\` rebuilds the model from the store.`,
    `Each incident's own dossier hash is listed with it: \`salvo report incident ID --audience ${d.edition.audience} --generated-at ${d.generatedAt} --format json\` rebuilds that dossier, whose exhibits E1, E2, ... are the case's I1.E1, I1.E2, ...`,
    "Each exhibit's SHA-256 is the hash of the original file in the evidence locker; ask for the export bundle of each incident (`salvo export bundle --incident ID OUT`) and run `salvo verify-bundle OUT` on any machine with Salvo installed.",
    d.checkpoint
      ? `Compare the checkpoint root ${d.checkpoint.root} (size ${d.checkpoint.size}) with the one published independently; each exhibit's inclusion proof places its latest event in that tree (RFC 6962).`
      : 'No checkpoint has been signed yet: once one is published, inclusion proofs can be checked against it.',
  ];
}
