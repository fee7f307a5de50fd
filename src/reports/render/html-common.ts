import { escapeXml } from '../format.js';

export const e = escapeXml;

/** Print-ready styles shared by the dossier and the bulletin (A4, vector figures, no external resources). */
export const CSS = `
@page { size: A4; margin: 16mm 14mm 20mm 14mm; }
:root { color-scheme: light; }
body { font-family: Georgia, 'Times New Roman', serif; font-size: 10.5pt; line-height: 1.45; color: #111; max-width: 190mm; margin: 0 auto; padding: 8mm 4mm; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; padding-bottom: 2pt; margin-top: 18pt; break-after: avoid; }
h3 { font-size: 11pt; margin: 12pt 0 4pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
table.kv th { width: 28%; font-weight: bold; }
tr { break-inside: avoid; }
code, .hash { font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-size: 8pt; word-break: break-all; }
.edition { border: 2px solid #a00; color: #a00; padding: 4pt 8pt; font-family: Helvetica, Arial, sans-serif; font-weight: bold; margin: 6pt 0; }
.edition.public { border-color: #16a; color: #16a; }
.meta { font-family: Helvetica, Arial, sans-serif; font-size: 9pt; color: #333; }
.statement { margin: 6pt 0; padding-left: 8pt; border-left: 3px solid #1f77b4; break-inside: avoid; }
.statement .ref { font-weight: bold; font-family: Helvetica, Arial, sans-serif; }
.support { font-size: 9pt; color: #333; }
figure { margin: 10pt 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #333; }
.exhibit { break-inside: avoid; margin: 8pt 0; }
.sens-restricted { color: #a60; font-weight: bold; }
.sens-sealed { color: #a00; font-weight: bold; }
.note { font-size: 9pt; color: #444; }
a { color: #0b4f8a; }
@media print { a { color: #111; text-decoration: none; } }
`;

export function htmlPage(opts: { title: string; lang?: string; head?: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="${opts.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Salvo">
<title>${e(opts.title)}</title>
${opts.head ?? ''}<style>${CSS}</style>
</head>
<body>
${opts.body}
</body>
</html>
`;
}

/** A table from a header and rows of already-escaped HTML cells. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** JSON inside a <script> element: `<` escaped so no text can close the element. */
export const scriptJson = (json: string): string => json.replace(/</g, '\\u003c');

/** A two-column key/value table without a header row (cells already escaped). */
export function kvTable(rows: readonly (readonly [string, string])[]): string {
  return `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
}
