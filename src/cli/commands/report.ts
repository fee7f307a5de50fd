import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { htmlToPdf } from '../../infra/reports/pdf.js';
import { writeReport } from '../../infra/reports/output.js';
import { reportHasher, reportSources } from '../../infra/reports/report-source.js';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { canonicalJson } from '../../evidence/model/canonical.js';
import {
  buildCaseDossier,
  buildDossier,
  renderCaseHtml,
  renderCaseMarkdown,
  renderDossierHtml,
  renderDossierMarkdown,
  verifyDossierHtml,
  type Audience,
} from '../../reports/index.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { period } from './report-dates.js';

const FORMATS = ['html', 'pdf', 'md', 'json'] as const;
type Format = (typeof FORMATS)[number];
const AUDIENCES: readonly Audience[] = ['public', 'restricted', 'sealed'];

interface ReportCliOptions extends GlobalOptions {
  format: string;
  out?: string;
  public?: boolean;
  audience?: string;
  generatedAt?: string;
}

export const usage = (field: string, message: string): SalvoFailure =>
  new SalvoFailure(salvoError('INVALID_INPUT', message, [{ field, reason: message }]));

export async function generatorInfo(): Promise<{ name: string; version: string }> {
  const { VERSION } = await import('../main.js');
  return { name: 'Salvo', version: VERSION };
}

function audienceOf(o: ReportCliOptions): Audience {
  if (o.public && o.audience && o.audience !== 'public')
    throw usage('--public', '--public contradicts --audience ' + o.audience);
  if (o.public) return 'public';
  const a = (o.audience ?? 'restricted') as Audience;
  if (!AUDIENCES.includes(a)) throw usage('--audience', `--audience must be one of ${AUDIENCES.join(', ')}`);
  return a;
}

function instantOf(text: string | undefined): string {
  if (text === undefined) return new Date().toISOString();
  const t = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(t))
    throw usage('--generated-at', `--generated-at '${text}' is not an ISO 8601 instant`);
  return new Date(t).toISOString();
}

/** The format, checked with the options it needs (a PDF needs --out; --json needs --out unless json). */
function formatOf(o: ReportCliOptions): Format {
  const format = o.format as Format;
  if (!FORMATS.includes(format)) throw usage('--format', `--format must be one of ${FORMATS.join(', ')}`);
  if (format === 'pdf' && !o.out) throw usage('--out', 'a PDF needs --out FILE');
  if (o.json && !o.out && format !== 'json')
    throw usage('--out', 'with --json, give --out FILE (the summary goes to stdout)');
  return format;
}

interface Rendered {
  readonly sha256: string;
  readonly model: { readonly title: string; readonly edition: { readonly audience: string } };
  html(): string;
  markdown(): string;
}

/** The document in `format`: canonical JSON with its hash, Markdown, HTML, or HTML printed to PDF. */
async function documentOf(format: Format, r: Rendered): Promise<string | Uint8Array> {
  if (format === 'json')
    return (
      JSON.stringify({ sha256: r.sha256, dossier: JSON.parse(canonicalJson(r.model)) as unknown }, null, 2) +
      '\n'
    );
  if (format === 'md') return r.markdown();
  const html = r.html();
  return format === 'pdf'
    ? htmlToPdf(html, {
        documentHash: r.sha256,
        header: `${r.model.title} — ${r.model.edition.audience.toUpperCase()} edition`,
      })
    : html;
}

/** Writes the document to --out (printing `summary` with --json, else `said`) or to stdout. */
function emit(
  io: Io,
  o: ReportCliOptions,
  data: string | Uint8Array,
  summary: Record<string, unknown>,
  said: (bytes: number) => string,
): void {
  if (!o.out) {
    io.out(typeof data === 'string' ? data.replace(/\n$/, '') : '');
    return;
  }
  const w = writeReport(o.out, data);
  if (o.json) printJson(io, { ...summary, out: w.path, bytes: w.bytes });
  else io.err(`${o.out}: ${said(w.bytes)}`);
}

/** `salvo report incident ID`, `salvo report case --from --to` and `salvo report verify FILE`. */
export function registerReport(program: Command, io: Io, setExit: (code: number) => void): void {
  const report = program.command('report').description('evidentiary dossiers (issue 8): HTML, PDF, Markdown');
  report
    .command('incident')
    .description(
      "an incident's dossier: findings in calibrated words, exhibits with custody and proofs, methodology, figures",
    )
    .argument('<id>', 'incident id')
    .option('--format <format>', `output format: ${FORMATS.join(' | ')}`, 'html')
    .option('--out <file>', 'write here (atomically); default stdout (required for pdf)')
    .option('--public', 'public edition: restricted and sealed material left out (same as --audience public)')
    .option(
      '--audience <level>',
      'public | restricted (default: sealed items left out) | sealed (everything, marked)',
    )
    .option('--generated-at <instant>', 'the generation time to state (to rebuild a dossier bit for bit)')
    .addHelpText(
      'after',
      '\nThe document hash is SHA-256 over the RFC 8785 canonical JSON of the dossier (see docs/publishing.md).',
    )
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<ReportCliOptions>();
      setExit(
        await runCommand(io, Boolean(o.json), async () => {
          const format = formatOf(o);
          const audience = audienceOf(o);
          const generatedAt = instantOf(o.generatedAt);
          const generator = await generatorInfo();
          const built = await withStore(o, async (store) =>
            buildDossier(reportSources(store.db).dossier, reportHasher, {
              incident: id,
              audience,
              generatedAt,
              generator,
            }),
          );
          if (!built.ok) throw new SalvoFailure(built.error);
          const h = built.value;
          const data = await documentOf(format, {
            sha256: h.sha256,
            model: h.dossier,
            html: () => renderDossierHtml(h),
            markdown: () => renderDossierMarkdown(h),
          });
          const summary = {
            ok: true,
            incident: id,
            format,
            edition: audience,
            sha256: h.sha256,
            exhibits: h.dossier.exhibits.length,
            withheld: h.dossier.edition.withheld?.items ?? 0,
            statements: h.dossier.statements.length,
          };
          emit(
            io,
            o,
            data,
            summary,
            (bytes) =>
              `${format} dossier of ${id} (${audience} edition, ${summary.exhibits} exhibit(s), ${summary.withheld} withheld), ${bytes} bytes, document SHA-256 ${h.sha256}`,
          );
          return EXIT.OK;
        }),
      );
    });
  report
    .command('case')
    .description(
      'a case-level dossier: every incident of a period (optionally of one type), findings across them, statistics with intervals, all exhibits',
    )
    .requiredOption('--from <date>', 'first day of the case (YYYY-MM-DD, UTC)')
    .requiredOption('--to <date>', 'last day of the case, inclusive (YYYY-MM-DD, UTC)')
    .option('--model <id>', 'only incidents identified as this type (or reported as it when not identified)')
    .option('--launches <n>', 'launches known from elsewhere (e.g. 50): adds the missing-data estimates')
    .option('--title <text>', 'the dossier title')
    .option('--format <format>', `output format: ${FORMATS.join(' | ')}`, 'html')
    .option('--out <file>', 'write here (atomically); default stdout (required for pdf)')
    .option('--public', 'public edition: restricted and sealed material left out (same as --audience public)')
    .option(
      '--audience <level>',
      'public | restricted (default: sealed items left out) | sealed (everything, marked)',
    )
    .option('--generated-at <instant>', 'the generation time to state (to rebuild a dossier bit for bit)')
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<
        ReportCliOptions & { from: string; to: string; model?: string; launches?: string; title?: string }
      >();
      setExit(
        await runCommand(io, Boolean(o.json), async () => {
          const format = formatOf(o);
          const range = period(o.from, o.to);
          let launches: number | null = null;
          if (o.launches !== undefined) {
            launches = Number(o.launches);
            if (!/^\d+$/.test(o.launches) || !Number.isSafeInteger(launches) || launches < 1)
              throw usage('--launches', `--launches '${o.launches}' is not a positive whole number`);
          }
          const audience = audienceOf(o);
          const generatedAt = instantOf(o.generatedAt);
          const generator = await generatorInfo();
          const built = await withStore(o, async (store) =>
            buildCaseDossier(reportSources(store.db).case, reportHasher, {
              from: range.from!,
              to: range.to!,
              model: o.model ?? null,
              launches,
              ...(o.title !== undefined ? { title: o.title } : {}),
              audience,
              generatedAt,
              generator,
            }),
          );
          if (!built.ok) throw new SalvoFailure(built.error);
          const h = built.value;
          const data = await documentOf(format, {
            sha256: h.sha256,
            model: h.dossier,
            html: () => renderCaseHtml(h),
            markdown: () => renderCaseMarkdown(h),
          });
          const summary = {
            ok: true,
            from: range.from,
            to: range.to,
            model: o.model ?? null,
            format,
            edition: audience,
            sha256: h.sha256,
            incidents: h.dossier.incidents.map((i) => ({
              ref: i.ref,
              id: i.incident.id,
              sha256: i.dossierSha256,
            })),
            exhibits: h.dossier.incidents.reduce((n, i) => n + i.exhibits.length, 0),
            withheld: h.dossier.edition.withheld?.items ?? 0,
            statements: h.dossier.statements.length,
          };
          emit(
            io,
            o,
            data,
            summary,
            (bytes) =>
              `${format} case dossier of ${summary.incidents.length} incident(s) (${audience} edition, ${summary.exhibits} exhibit(s), ${summary.withheld} withheld), ${bytes} bytes, document SHA-256 ${h.sha256}`,
          );
          return EXIT.OK;
        }),
      );
    });
  report
    .command('verify')
    .description('check an HTML dossier offline: its embedded model must hash to the document hash it states')
    .argument('<file>', 'a dossier written by `salvo report incident ID --format html`')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      setExit(
        await runCommand(io, Boolean(o.json), async () => {
          let html: string;
          try {
            html = await readFile(file, 'utf8');
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            throw new SalvoFailure(
              salvoError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `cannot read ${file}`, [
                { file, reason: code === 'ENOENT' ? 'no such file' : (e as Error).message },
              ]),
            );
          }
          const r = verifyDossierHtml(html, reportHasher);
          if (o.json) printJson(io, r);
          else if (r.ok)
            io.out(
              `${file}: intact; document SHA-256 ${r.computed} (${r.kind === 'case' ? 'case dossier' : `incident ${r.incident}`}, ${r.edition} edition)`,
            );
          else {
            io.err(`${file}: NOT intact`);
            for (const p of r.problems) io.err(`  ${p}`);
          }
          return r.ok ? EXIT.OK : EXIT.INTEGRITY;
        }),
      );
    });
}
