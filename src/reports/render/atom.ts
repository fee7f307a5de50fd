import { escapeXml as x } from '../format.js';
import type { Bulletin } from '../model.js';
import { bulletinItemHtml } from './html-bulletin.js';

export interface AtomOptions {
  /** The feed's own URL (rel="self"), e.g. https://example.org/feed.atom. */
  readonly selfUrl?: string;
  /** The site's base URL: entries link to `<siteUrl>/incidents/<id>` (rel="alternate"). */
  readonly siteUrl?: string;
}

/** RFC 3339 without milliseconds ("2024-01-23T03:20:00Z"). */
const date = (iso: string): string => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The bulletin as an Atom 1.0 feed (RFC 4287): feed id, title, updated and one author; rel="self" when the
 * feed's URL is known; every entry with a permanent id, title, updated, published, summary, HTML content and
 * categories (the hashtags), and a rel="alternate" link when the site's URL is known.
 */
export function renderAtom(b: Bulletin, options: AtomOptions = {}): string {
  const site = options.siteUrl?.replace(/\/+$/, '');
  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${x(b.feedId)}</id>`,
    `  <title type="text">${x(b.title)}</title>`,
    `  <subtitle type="text">${x(`Incidents, reconstructions and findings, ${b.from.slice(0, 10)} to ${new Date(Date.parse(b.to) - 1).toISOString().slice(0, 10)}. Forensic analysis of past events.`)}</subtitle>`,
    `  <updated>${date(b.updated)}</updated>`,
    `  <author><name>${x(b.author)}</name></author>`,
    `  <generator version="${x(b.generator.version)}">${x(b.generator.name)}</generator>`,
  ];
  if (options.selfUrl)
    lines.push(`  <link rel="self" type="application/atom+xml" href="${x(options.selfUrl)}"/>`);
  if (site) lines.push(`  <link rel="alternate" type="text/html" href="${x(site + '/')}"/>`);
  for (const i of b.items) {
    lines.push('  <entry>');
    lines.push(`    <id>${x(i.entryId)}</id>`);
    lines.push(`    <title type="text">${x(i.headline)}</title>`);
    lines.push(`    <updated>${date(i.updated)}</updated>`);
    lines.push(`    <published>${date(i.published)}</published>`);
    if (site)
      lines.push(
        `    <link rel="alternate" type="text/html" href="${x(`${site}/incidents/${encodeURIComponent(i.incidentId)}`)}"/>`,
      );
    lines.push(`    <summary type="text">${x(i.lead)}</summary>`);
    lines.push(`    <content type="html">${x(bulletinItemHtml(i))}</content>`);
    for (const t of i.tags) lines.push(`    <category term="${x(t)}" label="${x(`#${t}`)}"/>`);
    lines.push('  </entry>');
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
