import { existsSync } from 'node:fs';
import type { chromium as ChromiumType } from 'playwright-core';
import { SalvoFailure, salvoError } from '../../kernel/index.js';

type Chromium = typeof ChromiumType;

/** The Chromium used for PDF: $SALVO_CHROMIUM, else Debian's package. Never downloaded. */
export const chromiumPath = (): string => process.env.SALVO_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

export interface PdfOptions {
  /** Printed in the footer of every page with the page number. */
  readonly documentHash: string;
  /** Printed in the header of every page. */
  readonly header: string;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Fails with a clear message naming what is missing (the Chromium package or playwright-core). */
export function pdfUnavailable(): string | undefined {
  const path = chromiumPath();
  if (!existsSync(path))
    return `PDF output needs a headless Chromium at ${path}: install the Debian package 'chromium' (apt-get install chromium) or set SALVO_CHROMIUM to a Chromium executable; --format html and md need nothing`;
  return undefined;
}

/**
 * Prints self-contained HTML to PDF (A4) in headless Chromium through playwright-core: the header carries
 * the title, the footer the document hash and "page N of M" on every page; internal links (exhibit
 * cross-references) stay links. All network requests are refused: the HTML must need none.
 */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const missing = pdfUnavailable();
  if (missing)
    throw new SalvoFailure(
      salvoError('UNSUPPORTED', missing, [{ field: '--format', reason: 'chromium not found' }]),
    );
  let chromium: Chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new SalvoFailure(
      salvoError(
        'UNSUPPORTED',
        "PDF output needs the npm package 'playwright-core' (npm install playwright-core)",
        [{ field: '--format', reason: 'playwright-core not installed' }],
      ),
    );
  }
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const style =
      'font-family: Helvetica, Arial, sans-serif; font-size: 7pt; color: #333; width: 100%; padding: 0 14mm;';
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${style} text-align: right;">${esc(options.header)}</div>`,
      footerTemplate: `<div style="${style} display: flex; justify-content: space-between;"><span>Document SHA-256 ${esc(options.documentHash)}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
    });
    return new Uint8Array(pdf);
  } catch (e) {
    if (e instanceof SalvoFailure) throw e;
    throw new SalvoFailure(
      salvoError('IO', `Chromium failed to print the PDF: ${(e as Error).message.split('\n')[0]}`),
    );
  } finally {
    await browser?.close();
  }
}
