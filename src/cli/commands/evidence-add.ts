import { basename } from 'node:path';
import type { Command } from 'commander';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { addDigitalItem } from '../../evidence/services/add-digital-item.js';
import { addPhysicalItem } from '../../evidence/services/add-physical-item.js';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { num, withActOptions, withLocker, type EvidenceCliOptions } from './evidence-common.js';

interface AddOptions extends EvidenceCliOptions {
  incident: string;
  actor: string;
  physical?: boolean;
  sensitivity?: string;
  media?: string;
  title?: string;
  description?: string;
  url?: string;
  capturedAt?: string;
  tool?: string;
  depicts?: string;
  seal?: string;
  bag?: string;
  foundLat?: string;
  foundLon?: string;
  foundPrecision?: string;
  foundWithinM?: string;
  foundPlace?: string;
  lengthMm?: string;
  widthMm?: string;
  heightMm?: string;
  massG?: string;
  custodian?: string;
  location?: string;
}

const opt = (v: string | undefined): number | undefined => (v === undefined ? undefined : num(v));

export function registerEvidenceAdd(evidence: Command, io: Io, setExit: (code: number) => void): void {
  withActOptions(
    evidence
      .command('add')
      .description('add a digital original (FILE) or, with --physical, a fragment or piece of debris')
      .argument('[file]', 'the file to add (stored by its SHA-256, read-only)')
      .requiredOption('--incident <id>', 'the incident it belongs to (an id in the incidents table)')
      .option('--physical', 'a physical item (no FILE): fragment or debris')
      .option('--sensitivity <level>', 'public | restricted | sealed (default restricted)')
      .option('--media <kind>', 'photo | video | document | web_capture | other; fragment | debris (guessed)')
      .option('--title <text>', 'a short title (default: the file name)')
      .option('--description <text>', 'what it shows or is')
      .option('--url <url>', 'web capture: the page it was captured from')
      .option('--captured-at <iso>', 'web capture: when it was captured')
      .option('--tool <name>', 'web capture: the capturing tool and version')
      .option('--depicts <id>', 'a photo of a physical item: that item id')
      .option('--seal <number>', 'physical: seal number (also writes a sealed event)')
      .option('--bag <number>', 'physical: evidence bag number')
      .option('--found-lat <deg>', 'physical: latitude where found (WGS84)')
      .option('--found-lon <deg>', 'physical: longitude where found (WGS84)')
      .option('--found-precision <p>', 'exact | within_m | settlement | oblast | unknown')
      .option('--found-within-m <m>', 'physical: radius of the find spot in metres')
      .option('--found-place <text>', 'physical: the find spot as written')
      .option('--length-mm <mm>', 'physical: length')
      .option('--width-mm <mm>', 'physical: width')
      .option('--height-mm <mm>', 'physical: height')
      .option('--mass-g <g>', 'physical: mass in grams')
      .option('--custodian <name>', 'physical: who holds it now (default the actor)')
      .option('--location <text>', 'physical: where it is kept'),
  )
    .addHelpText(
      'after',
      `
--json prints {"id", "sha256"} (sha256 is null for a physical item).
Exit codes: 0 added; 2 invalid input; 4 unknown incident, item, actor or file; 7 no private key here; 74 I/O.`,
    )
    .action(async (file: string | undefined, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<AddOptions>();
      setExit(
        await runCommand(io, Boolean(o.json), async () => {
          if (o.physical && file !== undefined)
            throw new SalvoFailure(salvoError('INVALID_INPUT', 'give FILE or --physical, not both'));
          if (!o.physical && file === undefined)
            throw new SalvoFailure(
              salvoError('INVALID_INPUT', 'give the FILE to add (or --physical for debris)'),
            );
          const res = await withLocker(o, async (deps) => {
            if (file !== undefined) {
              const r = await addDigitalItem(deps, {
                path: file,
                fileName: basename(file),
                incident: o.incident,
                actor: o.actor,
                sensitivity: o.sensitivity,
                media: o.media,
                title: o.title,
                description: o.description,
                url: o.url,
                capturedAt: o.capturedAt,
                captureTool: o.tool,
                depicts: o.depicts,
                at: o.at,
                place: o.place,
              });
              return { id: r.id, sha256: r.sha256 as string | null };
            }
            const r = await addPhysicalItem(deps, {
              incident: o.incident,
              actor: o.actor,
              media: o.media,
              sensitivity: o.sensitivity,
              title: o.title ?? '',
              description: o.description,
              sealNumber: o.seal,
              bagNumber: o.bag,
              foundLat: opt(o.foundLat),
              foundLon: opt(o.foundLon),
              foundPrecision: o.foundPrecision,
              foundWithinM: opt(o.foundWithinM),
              foundPlace: o.foundPlace,
              lengthMm: opt(o.lengthMm),
              widthMm: opt(o.widthMm),
              heightMm: opt(o.heightMm),
              massG: opt(o.massG),
              custodian: o.custodian,
              location: o.location,
              at: o.at,
              place: o.place,
            });
            return { id: r.id, sha256: null };
          });
          if (o.json) printJson(io, res);
          else io.out(res.sha256 ? `${res.id}  sha256 ${res.sha256}` : `${res.id}  (physical)`);
          return EXIT.OK;
        }),
      );
    });
}
