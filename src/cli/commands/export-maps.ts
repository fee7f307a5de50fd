import type { Command } from 'commander';
import { exportRecords, type Bbox, type ExportFilter } from '../../infra/reports/export-source.js';
import { writeReport } from '../../infra/reports/output.js';
import { exportCsv, exportGeoJson, exportKml } from '../../reports/index.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { period } from './report-dates.js';
import { usage } from './report.js';

interface MapExportOptions extends GlobalOptions {
  from?: string;
  to?: string;
  model?: string;
  region?: string;
  bbox?: string;
  out?: string;
}

function bboxOf(text: string): Bbox {
  const v = text.split(',').map((s) => Number(s.trim()));
  const [west, south, east, north] = v as [number, number, number, number];
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x)))
    throw usage('--bbox', `--bbox '${text}' must be WEST,SOUTH,EAST,NORTH in degrees`);
  if (south < -90 || north > 90 || south > north || west < -180 || east > 180 || west > east)
    throw usage(
      '--bbox',
      `--bbox '${text}': need -180 <= WEST <= EAST <= 180 and -90 <= SOUTH <= NORTH <= 90`,
    );
  return { west, south, east, north };
}

const KINDS = {
  geojson: {
    render: (r: Parameters<typeof exportGeoJson>[0]) => JSON.stringify(exportGeoJson(r), null, 1) + '\n',
    what: 'GeoJSON (RFC 7946)',
  },
  kml: { render: (r: Parameters<typeof exportKml>[0]) => exportKml(r), what: 'KML 2.2 (Google Earth, QGIS)' },
  csv: {
    render: (r: Parameters<typeof exportCsv>[0]) => exportCsv(r),
    what: 'CSV (RFC 4180), one row per incident',
  },
} as const;

/** `salvo export geojson|kml|csv`, added to the existing `export` group. */
export function registerExportMaps(exp: Command, io: Io, setExit: (code: number) => void): void {
  for (const [kind, k] of Object.entries(KINDS)) {
    exp
      .command(kind)
      .description(
        `incidents with their launch/impact ellipses and tracks from stored reconstructions, as ${k.what}`,
      )
      .option('--from <date>', 'first day (YYYY-MM-DD, UTC), inclusive')
      .option('--to <date>', 'last day (YYYY-MM-DD, UTC), inclusive')
      .option('--model <label>', 'identified type, else reported model (label, alias or id)')
      .option('--region <iso>', 'target region, ISO 3166-2 (e.g. UA-63)')
      .option('--bbox <w,s,e,n>', 'incident location inside this box (degrees)')
      .option('--out <file>', 'write here (atomically); default stdout')
      .action(async (_o: unknown, cmd: Command) => {
        const o = cmd.optsWithGlobals<MapExportOptions>();
        setExit(
          await runCommand(io, Boolean(o.json), async () => {
            if (o.json && !o.out)
              throw usage('--out', 'with --json, give --out FILE (the summary goes to stdout)');
            if (o.region !== undefined && !/^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$/.test(o.region))
              throw usage('--region', `--region '${o.region}' is not an ISO 3166-2 code (e.g. UA-63)`);
            const filter: ExportFilter = {
              ...period(o.from, o.to),
              ...(o.model ? { model: o.model } : {}),
              ...(o.region ? { region: o.region } : {}),
              ...(o.bbox ? { bbox: bboxOf(o.bbox) } : {}),
            };
            const records = await withStore(o, (store) => exportRecords(store.db, filter));
            const text = k.render(records);
            if (o.out) {
              const w = writeReport(o.out, text);
              const summary = {
                ok: true,
                format: kind,
                incidents: records.length,
                reconstructions: records.filter((r) => r.reconstruction).length,
                out: w.path,
                bytes: w.bytes,
              };
              if (o.json) printJson(io, summary);
              else
                io.err(
                  `${o.out}: ${summary.incidents} incident(s), ${summary.reconstructions} with a reconstruction, ${w.bytes} bytes`,
                );
            } else io.out(text.replace(/\n$/, ''));
            return EXIT.OK;
          }),
        );
      });
  }
}
