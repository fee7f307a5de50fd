import { DOMParser, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atomFeed } from '../../src/infra/reports/feed.js';
import { reportHasher, reportSources } from '../../src/infra/reports/report-source.js';
import {
  buildBulletin,
  renderAtom,
  renderBulletinHtml,
  renderBulletinMarkdown,
  type Bulletin,
} from '../../src/reports/index.js';
import { buildFixture, GENERATED_AT, GENERATOR, KHK, POL, SEALED, type Fixture } from './fixture.js';

const ATOM = 'http://www.w3.org/2005/Atom';
let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
});
afterAll(async () => {
  await fx.cleanup();
});

const bulletin = (tags: string[] = []): Promise<Bulletin> =>
  buildBulletin(reportSources(fx.store.db).bulletin, reportHasher, {
    from: '2023-12-01T00:00:00.000Z',
    to: '2024-03-01T00:00:00.000Z',
    generatedAt: GENERATED_AT,
    generator: GENERATOR,
    tags,
  });

const children = (el: Element, name: string): Element[] =>
  Array.from(el.childNodes).filter(
    (n): n is Element =>
      n.nodeType === 1 && (n as Element).namespaceURI === ATOM && (n as Element).localName === name,
  );
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"]+$/i;

/** The RFC 4287 rules a validator checks, as assertions (section numbers in the messages). */
function assertAtomValid(xml: string): Element {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, msg) => void (level !== 'warning' && errors.push(msg)),
  }).parseFromString(xml, 'application/xml');
  expect(errors).toEqual([]);
  const feed = doc.documentElement!;
  expect(feed.localName).toBe('feed');
  expect(feed.namespaceURI).toBe(ATOM);
  for (const name of ['id', 'title', 'updated'])
    expect(children(feed, name), `4.1.1 atom:feed has one atom:${name}`).toHaveLength(1);
  expect(children(feed, 'id')[0]!.textContent).toMatch(IRI);
  expect(children(feed, 'updated')[0]!.textContent).toMatch(RFC3339);
  const entries = children(feed, 'entry');
  const feedAuthors = children(feed, 'author');
  expect(feedAuthors.length, '4.1.1 at most one feed-level author element here').toBeLessThanOrEqual(1);
  for (const a of feedAuthors)
    expect(children(a, 'name'), '3.2.1 a person has one atom:name').toHaveLength(1);
  const ids = new Set<string>();
  for (const e of entries) {
    for (const name of ['id', 'title', 'updated'])
      expect(children(e, name), `4.1.2 atom:entry has one atom:${name}`).toHaveLength(1);
    const id = children(e, 'id')[0]!.textContent!;
    expect(id).toMatch(IRI);
    expect(ids.has(id), '4.1.1 entries have distinct ids').toBe(false);
    ids.add(id);
    expect(children(e, 'updated')[0]!.textContent).toMatch(RFC3339);
    for (const p of children(e, 'published')) expect(p.textContent).toMatch(RFC3339);
    if (feedAuthors.length === 0)
      expect(children(e, 'author').length, '4.1.1 every entry has an author').toBeGreaterThan(0);
    const content = children(e, 'content');
    const alternate = children(e, 'link').filter(
      (l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate',
    );
    expect(content.length + alternate.length, '4.1.2 content or a rel="alternate" link').toBeGreaterThan(0);
    expect(content.length).toBeLessThanOrEqual(1);
    expect(children(e, 'summary').length).toBeLessThanOrEqual(1);
    for (const c of content) expect(['text', 'html', 'xhtml']).toContain(c.getAttribute('type') ?? 'text');
  }
  for (const l of children(feed, 'link')) expect(l.getAttribute('href')).toMatch(IRI);
  return feed;
}

describe('bulletin (issue 8)', () => {
  it('renders the fixed store to the same Markdown, HTML and Atom (snapshots)', async () => {
    const b = await bulletin();
    await expect(renderBulletinMarkdown(b)).toMatchFileSnapshot('__snapshots__/bulletin.md.snap');
    await expect(renderBulletinHtml(b)).toMatchFileSnapshot('__snapshots__/bulletin.html.snap');
    await expect(
      renderAtom(b, { selfUrl: 'https://salvo.example.org/feed.atom', siteUrl: 'https://salvo.example.org' }),
    ).toMatchFileSnapshot('__snapshots__/bulletin.atom.snap');
  });

  it('has one item per incident with a headline, lead, key figures with intervals, sources and hashtags', async () => {
    const b = await bulletin();
    expect(b.items.map((i) => i.incidentId)).toEqual([POL, KHK]);
    const pol = b.items[0]!;
    expect(pol.headline).toBe(
      '23 Jan 2024, Poltava: missile impact — about as likely as not a Hwasong-11Ga (KN-23)',
    );
    expect(pol.keyFigures.find((f) => f.label.startsWith('Launch point'))!.interval).toMatch(/^95 % ellipse/);
    expect(pol.tags).toEqual(
      expect.arrayContaining(['Poltava', 'Kursk', 'KN23', 'DPRK', 'IskanderM', 'impact']),
    );
    expect(pol.updated).toBe('2024-03-02T09:05:00.000Z');
    const failures = b.summary.find((f) => f.label.startsWith('In-flight failures'))!;
    expect(failures.value).toBe('1 of 2 (50.0 %)');
    expect(failures.interval).toMatch(/^95 % Wilson interval/);
    expect(b.checkpoint).not.toBeNull();
    // a bulletin is public: no evidence item ever appears
    for (const text of [renderBulletinMarkdown(b), renderAtom(b)]) {
      expect(text).not.toContain(SEALED.title);
      expect(text).not.toContain('EV-0000');
    }
  });

  it('--tags keeps only the items that carry one of the tags', async () => {
    expect((await bulletin(['#kharkiv'])).items.map((i) => i.incidentId)).toEqual([KHK]);
    expect((await bulletin(['DPRK', 'nothing'])).items.map((i) => i.incidentId)).toEqual([POL]);
    expect((await bulletin(['nothing'])).items).toEqual([]);
  });

  it('is a valid Atom feed (RFC 4287) that escapes markup and round-trips its text', async () => {
    const b = await bulletin();
    const xml = renderAtom(b, {
      selfUrl: 'https://salvo.example.org/feed.atom?x=1&y=2',
      siteUrl: 'https://salvo.example.org/',
    });
    const feed = assertAtomValid(xml);
    const self = children(feed, 'link').find((l) => l.getAttribute('rel') === 'self')!;
    expect(self.getAttribute('href')).toBe('https://salvo.example.org/feed.atom?x=1&y=2');
    const entry = children(feed, 'entry')[0]!;
    const html = children(entry, 'content')[0]!.textContent!;
    // the source URL with & and < survives as text inside the escaped HTML content
    expect(html).toContain('https://example.org/news/poltava-strike?a=1&amp;b=&lt;2&gt;');
    expect(children(entry, 'link')[0]!.getAttribute('href')).toBe(
      `https://salvo.example.org/incidents/${POL}`,
    );
    expect(children(entry, 'category').map((c) => c.getAttribute('term'))).toContain('DPRK');
    // an empty feed is still valid
    assertAtomValid(renderAtom(await bulletin(['nothing'])));
  });

  it('atomFeed() gives the API its /feed.atom: valid, newest first, limited', async () => {
    const xml = await atomFeed(fx.store.db, {
      selfUrl: 'https://x.example/feed.atom',
      now: new Date('2024-04-01T00:00:00Z'),
      limit: 1,
    });
    const feed = assertAtomValid(xml);
    const entries = children(feed, 'entry');
    expect(entries).toHaveLength(1);
    expect(children(entries[0]!, 'title')[0]!.textContent).toContain('Poltava');
  });
});
