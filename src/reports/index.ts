/** Publishing (issue 8): report model, services and pure renderers. Renders results, never recomputes. */
export * from './model.js';
export type { DossierSource, BulletinSource, CaseSource, ReportHasher, TypeInfo } from './ports.js';
export { buildDossier, type DossierOptions } from './build-dossier.js';
export { buildCaseDossier, type CaseOptions } from './build-case.js';
export { buildBulletin, latestItems, type BulletinOptions } from './build-bulletin.js';
export { CONFIDENCE_SCALE, CONFIDENCE_NOTE, confidenceOf, formatProbability } from './confidence.js';
export { mayInclude, editionOf } from './redaction.js';
export { dprkArmsProvisions } from './provisions.js';
export { renderDossierHtml, DOSSIER_SCRIPT_ID } from './render/html-dossier.js';
export { renderDossierMarkdown } from './render/markdown-dossier.js';
export { renderCaseHtml } from './render/html-case.js';
export { renderCaseMarkdown } from './render/markdown-case.js';
export { renderBulletinMarkdown } from './render/markdown-bulletin.js';
export { renderBulletinHtml } from './render/html-bulletin.js';
export { renderAtom, type AtomOptions } from './render/atom.js';
export { verifyDossierHtml, type DossierCheck } from './verify.js';
export * from './exports/index.js';
