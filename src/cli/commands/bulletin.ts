import type { Command } from 'commander';
import { writeReport } from '../../infra/reports/output.js';
import { reportHasher, reportSources } from '../../infra/reports/report-source.js';
import {
  buildBulletin,
  renderAtom,
  renderBulletinHtml,
  renderBulletinMarkdown,
} from '../../reports/index.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { period } from './report-dates.js';
import { generatorInfo, usage } from './report.js';

const FORMATS = ['md', 'html', 'atom'] as const;

interface BulletinCliOptions extends GlobalOptions {
  from: string;
  to: string;
  format: string;
  tags?: string;
  out?: string;
  title?: string;
  selfUrl?: string;
  siteUrl?: string;
}

/** `salvo bulletin --from DATE --to DATE --format md|html|atom`. */
export function registerBulletin(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('bulletin')
    .description(
      'a public bulletin of a period: one item per incident (headline, lead, key figures, sources, hashtags)',
    )
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, UTC), inclusive')
    .requiredOption('--to <date>', 'last day (YYYY-MM-DD, UTC), inclusive')
    .option('--format <format>', `output format: ${FORMATS.join(' | ')}`, 'md')
    .option(
      '--tags <list>',
      'keep only items with one of these hashtags (comma-separated, e.g. DPRK,Kharkiv)',
    )
    .option('--out <file>', 'write here (atomically); default stdout')
    .option('--title <text>', 'the bulletin title')
    .option('--self-url <url>', 'Atom: the feed\'s own URL (rel="self")')
    .option('--site-url <url>', "Atom: the site's URL; entries link to <url>/incidents/<id>")
    .addHelpText(
      'after',
      '\nItems: incidents that occurred in the period, or whose analyses were stored in it. Public facts only.',
    )
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<BulletinCliOptions>();
      setExit(
        await runCommand(io, Boolean(o.json), async () => {
          const format = o.format as (typeof FORMATS)[number];
          if (!FORMATS.includes(format))
            throw usage('--format', `--format must be one of ${FORMATS.join(', ')}`);
          if (o.json && !o.out)
            throw usage('--out', 'with --json, give --out FILE (the summary goes to stdout)');
          const p = period(o.from, o.to) as { from: string; to: string };
          const tags = o.tags
            ? o.tags
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean)
            : [];
          const generator = await generatorInfo();
          const b = await withStore(o, (store) =>
            buildBulletin(reportSources(store.db).bulletin, reportHasher, {
              from: p.from,
              to: p.to,
              generatedAt: new Date().toISOString(),
              generator,
              tags,
              ...(o.title ? { title: o.title } : {}),
            }),
          );
          const text =
            format === 'atom'
              ? renderAtom(b, {
                  ...(o.selfUrl ? { selfUrl: o.selfUrl } : {}),
                  ...(o.siteUrl ? { siteUrl: o.siteUrl } : {}),
                })
              : format === 'html'
                ? renderBulletinHtml(b)
                : renderBulletinMarkdown(b);
          if (o.out) {
            const w = writeReport(o.out, text);
            const summary = {
              ok: true,
              format,
              from: p.from,
              to: p.to,
              items: b.items.length,
              incidents: b.items.map((i) => i.incidentId),
              out: w.path,
              bytes: w.bytes,
            };
            if (o.json) printJson(io, summary);
            else io.err(`${o.out}: ${format} bulletin, ${b.items.length} item(s), ${w.bytes} bytes`);
          } else io.out(text.replace(/\n$/, ''));
          return EXIT.OK;
        }),
      );
    });
}
