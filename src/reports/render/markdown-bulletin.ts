import { escapeMd as m, mdUrl } from '../format.js';
import type { Bulletin } from '../model.js';

/** The bulletin as Markdown: a newsletter item per incident (headline, lead, key figures, sources, hashtags). */
export function renderBulletinMarkdown(b: Bulletin): string {
  const out: string[] = [`# ${m(b.title)}`, ''];
  out.push(
    `Period ${b.from.slice(0, 10)} to ${new Date(Date.parse(b.to) - 1).toISOString().slice(0, 10)} (UTC). ${b.items.length} item(s)${b.tagsFilter.length ? `, tagged ${b.tagsFilter.map((t) => `#${t}`).join(' or ')}` : ''}. Forensic analysis of past events.`,
    '',
  );
  out.push('## The period in figures', '');
  for (const f of b.summary)
    out.push(`- ${m(f.label)}: **${m(f.value)}**${f.interval ? ` (${m(f.interval)})` : ''}`);
  for (const i of b.items) {
    out.push('', `## ${m(i.headline)}`, '', m(i.lead), '');
    for (const f of i.keyFigures)
      out.push(`- ${m(f.label)}: **${m(f.value)}**${f.interval ? ` (${m(f.interval)})` : ''}`);
    out.push(
      '',
      `Sources: ${i.sources.map((s) => (s.url ? `[${m(s.title)}](${mdUrl(s.url)})` : `${m(s.title)}${s.sha256 ? ` (SHA-256 \`${s.sha256}\`)` : ''}`)).join('; ')}  `,
    );
    out.push(`Incident \`${i.incidentId}\`. ${i.tags.map((t) => `#${t}`).join(' ')}`);
  }
  if (b.items.length === 0) out.push('', 'No incident in this period matches.');
  if (b.checkpoint)
    out.push(
      '',
      '## Custody-log checkpoint',
      '',
      `Publishing it here lets anyone later check that evidence was in the log at this point (size ${b.checkpoint.size}, signed ${b.checkpoint.at}):`,
      '',
      '```',
      `${b.checkpoint.text} ${b.checkpoint.signature}`,
      '```',
    );
  out.push(
    '',
    `_${m(b.confidenceNote)}_`,
    '',
    `_Generated ${b.generatedAt} by ${m(b.generator.name)} ${m(b.generator.version)}._`,
    '',
  );
  return out.join('\n');
}
