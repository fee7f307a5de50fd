import { pdfUnavailable } from '../../infra/reports/pdf.js';
import type { TourStep } from '../tour.js';

/** The demo's publishing steps (issue 8): a dossier, a PDF when Chromium is present, a case dossier, a bulletin, an export. */
export function publishingSteps(db: string, out: (f: string) => string): TourStep[] {
  const incident = 'DEMO-2024-01-23-POL';
  const steps: TourStep[] = [
    {
      title: 'A dossier for the Poltava strike of 23 Jan 2024, as one self-contained HTML file',
      why: 'Findings in calibrated words tied to the posteriors, the reconstruction with its ellipses and Cramér–Rao bound, vector figures, methodology, provisions and limits; a document hash over the canonical model.',
      args: [
        '--db',
        db,
        'report',
        'incident',
        incident,
        '--format',
        'html',
        '--out',
        out('dossier-poltava.html'),
      ],
    },
    {
      title: 'Check the dossier offline',
      why: 'The HTML embeds its model: the hash is recomputed from it, so any edit is caught.',
      args: ['report', 'verify', out('dossier-poltava.html')],
    },
  ];
  if (pdfUnavailable() === undefined)
    steps.push({
      title: 'The same dossier as PDF, printed by headless Chromium (public edition)',
      why: 'Page numbers and the document hash on every page; restricted and sealed material left out.',
      args: [
        '--db',
        db,
        'report',
        'incident',
        incident,
        '--public',
        '--format',
        'pdf',
        '--out',
        out('dossier-poltava-public.pdf'),
      ],
    });
  steps.push({
    title: 'A case-level dossier of the Dec 2023 - Feb 2024 campaign, with about 50 launches known',
    why: "Every incident of the period with its own dossier's hash, findings across them (types, launch estimates, assembly dates), the failure rate with its interval and the missing-data bounds, every exhibit.",
    args: [
      '--db',
      db,
      'report',
      'case',
      '--from',
      '2023-12-01',
      '--to',
      '2024-02-29',
      '--launches',
      '50',
      '--format',
      'html',
      '--out',
      out('case-campaign.html'),
    ],
  });
  steps.push(
    {
      title: 'A bulletin of the Dec 2023 - Feb 2024 campaign, as Markdown',
      why: 'One short item per incident: headline, lead, key figures with their intervals, sources, hashtags.',
      args: [
        '--db',
        db,
        'bulletin',
        '--from',
        '2023-12-01',
        '--to',
        '2024-02-29',
        '--format',
        'md',
        '--out',
        out('bulletin.md'),
      ],
    },
    {
      title: 'The same bulletin as an Atom feed (RFC 4287), filtered to #DPRK',
      why: 'What `salvo serve` publishes at /feed.atom; public facts only.',
      args: [
        '--db',
        db,
        'bulletin',
        '--from',
        '2023-12-01',
        '--to',
        '2024-02-29',
        '--format',
        'atom',
        '--tags',
        'DPRK',
        '--out',
        out('bulletin-dprk.atom'),
      ],
    },
    {
      title: 'Incidents, ellipses and tracks as GeoJSON for QGIS (KML and CSV likewise)',
      why: 'Each incident feature carries its id, precision, outcome, type and times; stored reconstructions add the launch and impact ellipses and tracks.',
      args: [
        '--db',
        db,
        'export',
        'geojson',
        '--from',
        '2023-12-01',
        '--to',
        '2024-02-29',
        '--out',
        out('campaign.geojson'),
      ],
    },
  );
  return steps;
}
