import type { AnalysisRun } from '../cases/analysis-run.js';
import type { IdentificationResult } from '../identification/index.js';
import type { ReconstructionResult } from '../reconstruction/index.js';
import { CONFIDENCE_NOTE, confidenceOf, formatProbability, PHYSICAL_FEATURES } from './confidence.js';
import { distance, ellipseText, isWebUrl, latLon, percent, utc } from './format.js';
import { tagOf, urnUuid } from './ids.js';
import {
  BULLETIN_FORMAT,
  type Bulletin,
  type BulletinItem,
  type IncidentFacts,
  type KeyFigure,
} from './model.js';
import type { BulletinSource, ReportHasher, TypeInfo } from './ports.js';

export interface BulletinOptions {
  /** Period, ISO 8601 UTC instants; `to` exclusive. */
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  readonly generator: { readonly name: string; readonly version: string };
  /** Keep only items carrying one of these tags (case-insensitive, with or without '#'). */
  readonly tags?: readonly string[];
  readonly title?: string;
  readonly author?: string;
  /** Names the feed: its Atom id is derived from it, so keep it stable (default 'salvo'). */
  readonly feedKey?: string;
}

const OUTCOME: Readonly<Record<string, string>> = {
  impact: 'missile impact',
  airburst: 'missile broke up in the air',
  deviated: 'missile left its course',
  intercepted: 'missile intercepted',
  unknown: 'missile strike, outcome unknown',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const day = (iso: string): string =>
  `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
const shortName = (t: TypeInfo | undefined, fallback: string): string => t?.name ?? fallback;
const latest = (runs: readonly AnalysisRun[], kind: AnalysisRun['kind']): AnalysisRun | undefined =>
  runs.find((r) => r.kind === kind);

/**
 * Builds a bulletin for a period (issue 8): one short item per incident that occurred in the period or whose
 * analyses were stored in it, with its latest reconstruction and finding, key figures with their intervals,
 * sources and hashtags; a period summary from the registry statistics; the latest custody-log checkpoint (to
 * publish it). Contains only public facts: incidents, analyses, statistics; never an evidence item.
 */
export async function buildBulletin(
  source: BulletinSource,
  hasher: ReportHasher,
  options: BulletinOptions,
): Promise<Bulletin> {
  const incidents = await source.incidentsInPeriod(options.from, options.to);
  const wanted = (options.tags ?? []).map((t) => tagOf(t.replace(/^#/, '')).toLowerCase()).filter(Boolean);
  const items: BulletinItem[] = [];
  for (const inc of incidents) {
    const item = await itemOf(source, hasher, inc);
    if (wanted.length === 0 || item.tags.some((t) => wanted.includes(t.toLowerCase()))) items.push(item);
  }
  const stats = await source.periodStats(options.from, options.to);
  const t = stats.incidents.total;
  const rep = stats.reports.total;
  const summary: KeyFigure[] = [
    { label: 'Incidents recorded in the period', value: String(t.count) },
    {
      label: 'In-flight failures (airburst or off course) among known outcomes',
      value:
        t.failureRate === null
          ? 'no known outcome'
          : `${t.failures} of ${t.knownOutcomes} (${percent(t.failureRate)})`,
      ...(t.ci95 ? { interval: `95 % Wilson interval ${percent(t.ci95[0])}–${percent(t.ci95[1])}` } : {}),
    },
    { label: 'Killed / injured (recorded incidents)', value: `${t.killed} / ${t.injured}` },
    ...(rep.rows > 0
      ? [
          {
            label: 'Air Force reports: destroyed of launched',
            value:
              rep.interceptionRate === null
                ? `${rep.launched} launched`
                : `${rep.destroyed} of ${rep.launchedWithKnownDestroyed} (${percent(rep.interceptionRate)})`,
            ...(rep.ci95
              ? { interval: `95 % Wilson interval ${percent(rep.ci95[0])}–${percent(rep.ci95[1])}` }
              : {}),
          },
        ]
      : []),
  ];
  const updated = items.reduce((a, i) => (i.updated > a ? i.updated : a), options.from);
  return {
    format: BULLETIN_FORMAT,
    title: options.title ?? `Salvo bulletin, ${options.from.slice(0, 10)} to ${lastDay(options.to)}`,
    feedId: urnUuid(hasher, `salvo:feed:${options.feedKey ?? 'salvo'}`),
    from: options.from,
    to: options.to,
    generatedAt: options.generatedAt,
    generator: options.generator,
    updated,
    author: options.author ?? 'Salvo',
    tagsFilter: wanted,
    summary,
    items,
    checkpoint: (await source.latestCheckpoint()) ?? null,
    confidenceNote: CONFIDENCE_NOTE,
  };
}

/** The last day of a period whose exclusive end is `to`. */
function lastDay(to: string): string {
  return new Date(Date.parse(to) - 1).toISOString().slice(0, 10);
}

async function itemOf(
  source: BulletinSource,
  hasher: ReportHasher,
  inc: IncidentFacts,
): Promise<BulletinItem> {
  const runs = await source.analysisRuns(inc.id);
  const rec = latest(runs, 'reconstruction');
  const idRun = latest(runs, 'identification');
  const region = inc.targetRegion.name ?? (inc.targetRegion.raw || 'an unknown region');
  const figures: KeyFigure[] = [
    { label: 'Outcome', value: inc.outcome },
    ...(inc.killed !== null || inc.injured !== null
      ? [{ label: 'Killed / injured', value: `${inc.killed ?? 'unknown'} / ${inc.injured ?? 'unknown'}` }]
      : []),
  ];
  const lead: string[] = [
    `A missile reported as "${inc.modelClaimedRaw || 'unknown'}" was recorded in ${region}${inc.targetRegion.iso ? ` (${inc.targetRegion.iso})` : ''} at ${utc(inc.occurredAt)}: ${OUTCOME[inc.outcome] ?? inc.outcome}.`,
  ];
  const tags = new Set<string>();
  if (inc.targetRegion.name) tags.add(tagOf(inc.targetRegion.name));
  if (inc.launchRegion.name) tags.add(tagOf(inc.launchRegion.name));
  if (inc.modelClaimedRaw) tags.add(tagOf(inc.modelClaimedRaw));
  tags.add(tagOf(inc.outcome));
  let headlineType = '';
  if (rec) {
    const r = rec.result as ReconstructionResult;
    figures.push({
      label: 'Launch point (reconstruction)',
      value: latLon(r.launch.lat, r.launch.lon, 3),
      interval: `95 % ellipse ${ellipseText(r.launch.ellipse95)}; Cramér–Rao bound ${ellipseText(r.launch.crlb)}`,
    });
    if (r.impact)
      figures.push({
        label: 'Impact point (reconstruction)',
        value: latLon(r.impact.lat, r.impact.lon, 3),
        interval: `95 % ellipse ${ellipseText(r.impact.ellipse95)}`,
      });
    figures.push({
      label: 'Apogee / ground range',
      value: `${distance(r.profile.apogeeM)} / ${distance(r.profile.groundRangeM)}`,
    });
    lead.push(
      `Salvo's reconstruction places the launch at ${latLon(r.launch.lat, r.launch.lon, 3)} (95 % ellipse ${ellipseText(r.launch.ellipse95)})${r.breakup.detected ? ' and detects an in-flight breakup' : ''}.`,
    );
  }
  if (idRun) {
    const res = idRun.result as IdentificationResult;
    const top = res.candidates[0];
    if (top) {
      const info = await source.typeInfo(top.id);
      const physical = top.contributions.some((c) => PHYSICAL_FEATURES.includes(c.feature));
      const conf = confidenceOf(top.posterior, { profileOnly: !physical });
      figures.push({
        label: 'Type (identification)',
        value: `${shortName(info, top.name)}: ${conf.words}`,
        interval: `posterior ${formatProbability(top.posterior)}; none of the catalogue ${formatProbability(res.nonePosterior)}`,
      });
      lead.push(
        `It is ${conf.words} (posterior ${formatProbability(top.posterior)}) that it was a ${shortName(info, top.name)}.`,
      );
      headlineType = ` — ${conf.words} a ${shortName(info, top.name)}`;
      tags.add(tagOf(top.aliases[0] ?? top.name));
      if (info?.originState === 'KP') tags.add('DPRK');
    }
  } else if (inc.identifiedType) {
    const info = await source.typeInfo(inc.identifiedType);
    figures.push({ label: 'Type (registry)', value: shortName(info, inc.identifiedType) });
    tags.add(tagOf(shortName(info, inc.identifiedType)));
    if (info?.originState === 'KP') tags.add('DPRK');
  }
  const published = inc.source.importedAt ?? inc.occurredAt;
  const updated = runs.reduce((a, r) => (r.createdAt > a ? r.createdAt : a), published);
  return {
    incidentId: inc.id,
    entryId: urnUuid(hasher, `salvo:incident:${inc.id}`),
    headline: `${day(inc.occurredAt)}, ${region}: ${OUTCOME[inc.outcome] ?? inc.outcome}${headlineType}`,
    lead: lead.join(' '),
    keyFigures: figures,
    sources: [
      ...(inc.sourceUrl
        ? [
            isWebUrl(inc.sourceUrl)
              ? { title: hostOf(inc.sourceUrl), url: inc.sourceUrl, sha256: null }
              : { title: inc.sourceUrl, url: null, sha256: null },
          ]
        : []),
      {
        title: `${inc.source.fileName ?? inc.source.id}, line ${inc.source.line}`,
        url: null,
        sha256: inc.source.sha256,
      },
    ],
    tags: [...tags].filter(Boolean).sort((a, b) => a.localeCompare(b)),
    published,
    updated,
    occurredAt: inc.occurredAt,
  };
}

function hostOf(url: string): string {
  const m = /^[a-z]+:\/\/([^/]+)/i.exec(url);
  return m ? m[1]!.replace(/^www\./, '') : url;
}

/** The bulletin keeping its `limit` most recently updated items, newest first (for a feed). */
export function latestItems(b: Bulletin, limit: number): Bulletin {
  const items = [...b.items]
    .sort((x, y) =>
      x.updated < y.updated ? 1 : x.updated > y.updated ? -1 : x.incidentId.localeCompare(y.incidentId),
    )
    .slice(0, Math.max(0, limit));
  return { ...b, items };
}
