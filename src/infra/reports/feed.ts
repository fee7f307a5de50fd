import type { Kysely } from 'kysely';
import { buildBulletin, latestItems, renderAtom } from '../../reports/index.js';
import type { Database } from '../db/schema.js';
import { reportHasher, reportSources } from './report-source.js';

export interface FeedOptions {
  /** The feed's own URL (rel="self"), e.g. https://salvo.example.org/feed.atom. */
  readonly selfUrl?: string;
  /** The site's base URL; entries link to <siteUrl>/incidents/<id>. */
  readonly siteUrl?: string;
  /** Period (ISO 8601 UTC, `to` exclusive). Default: everything up to now. */
  readonly from?: string;
  readonly to?: string;
  /** Keep only entries carrying one of these hashtags. */
  readonly tags?: readonly string[];
  /** At most this many entries, most recently updated first. Default 50. */
  readonly limit?: number;
  readonly now?: Date;
  readonly generator?: { readonly name: string; readonly version: string };
}

/**
 * The Atom feed served at `/feed.atom` (issue 8): the bulletin of the period, its most recently updated
 * entries first. Public facts only (incidents, analyses, statistics), never an evidence item, so it needs no
 * principal. For the API: `c.body(await atomFeed(store.db, {selfUrl}), 200, {'content-type': 'application/atom+xml; charset=utf-8'})`.
 */
export async function atomFeed(db: Kysely<Database>, options: FeedOptions = {}): Promise<string> {
  const now = options.now ?? new Date();
  const bulletin = await buildBulletin(reportSources(db).bulletin, reportHasher, {
    from: options.from ?? '1970-01-01T00:00:00.000Z',
    to: options.to ?? new Date(now.getTime() + 1).toISOString(),
    generatedAt: now.toISOString(),
    generator: options.generator ?? { name: 'Salvo', version: '0.1.0' },
    title: 'Salvo: missile strikes documented',
    ...(options.tags ? { tags: options.tags } : {}),
  });
  return renderAtom(latestItems(bulletin, options.limit ?? 50), {
    ...(options.selfUrl ? { selfUrl: options.selfUrl } : {}),
    ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
  });
}
