import { useEffect, useState } from 'react';

/**
 * Hash routes (`#/incident/ID`): the server only ever serves index.html and its assets, so no fallback routing
 * is needed, and every view has a URL that can be pasted into a report.
 */
export type Route =
  | { readonly name: 'overview' }
  | { readonly name: 'incident'; readonly id: string }
  | { readonly name: 'stats' }
  | { readonly name: 'login'; readonly next: string }
  | { readonly name: 'not-found'; readonly path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const [p, q = ''] = path.split('?');
  const parts = (p ?? '/').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'overview' };
  // `#/incidents/ID` too: the Atom feed (/feed.atom) links entries as <site>/incidents/<id>.
  if ((parts[0] === 'incident' || parts[0] === 'incidents') && parts[1])
    return { name: 'incident', id: parts[1] };
  if (parts[0] === 'stats' && parts.length === 1) return { name: 'stats' };
  if (parts[0] === 'login') return { name: 'login', next: new URLSearchParams(q).get('next') ?? '#/' };
  return { name: 'not-found', path };
}

export const hrefOf = (r: Route): string => {
  switch (r.name) {
    case 'overview':
      return '#/';
    case 'incident':
      return `#/incident/${encodeURIComponent(r.id)}`;
    case 'stats':
      return '#/stats';
    case 'login':
      return `#/login?next=${encodeURIComponent(r.next)}`;
    case 'not-found':
      return `#${r.path}`;
  }
};

export function navigate(r: Route): void {
  window.location.hash = hrefOf(r);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
