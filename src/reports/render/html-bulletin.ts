import type { Bulletin, BulletinItem, KeyFigure } from '../model.js';
import { e, htmlPage } from './html-common.js';

const figures = (fs: readonly KeyFigure[]): string =>
  `<ul>${fs.map((f) => `<li>${e(f.label)}: <b>${e(f.value)}</b>${f.interval ? ` (${e(f.interval)})` : ''}</li>`).join('')}</ul>`;

/** One item as an HTML fragment (also the Atom entry's content). */
export function bulletinItemHtml(i: BulletinItem): string {
  return `<p>${e(i.lead)}</p>${figures(i.keyFigures)}<p class="note">Sources: ${i.sources
    .map((s) =>
      s.url
        ? `<a href="${e(s.url)}">${e(s.title)}</a>`
        : `${e(s.title)}${s.sha256 ? ` (SHA-256 <code>${e(s.sha256)}</code>)` : ''}`,
    )
    .join('; ')}. Incident <code>${e(i.incidentId)}</code>. ${i.tags.map((t) => `#${e(t)}`).join(' ')}</p>`;
}

/** The bulletin as one self-contained HTML page. */
export function renderBulletinHtml(b: Bulletin): string {
  const body = `<header><h1>${e(b.title)}</h1><p class="meta">${b.items.length} item(s)${b.tagsFilter.length ? `, tagged ${b.tagsFilter.map((t) => `#${e(t)}`).join(' or ')}` : ''}. Forensic analysis of past events. Generated ${e(b.generatedAt)} by ${e(b.generator.name)} ${e(b.generator.version)}.</p></header>
<h2>The period in figures</h2>${figures(b.summary)}
${b.items.map((i) => `<article id="${e(i.incidentId)}"><h2>${e(i.headline)}</h2>${bulletinItemHtml(i)}</article>`).join('\n')}
${b.items.length === 0 ? '<p>No incident in this period matches.</p>' : ''}
${b.checkpoint ? `<h2>Custody-log checkpoint</h2><p>Size ${b.checkpoint.size}, signed ${e(b.checkpoint.at)}. Published line:</p><p><code>${e(b.checkpoint.text)} ${e(b.checkpoint.signature)}</code></p>` : ''}
<p class="note">${e(b.confidenceNote)}</p>`;
  return htmlPage({ title: b.title, body });
}
