import type { z } from 'zod';
import {
  CustodyLog,
  EvidencePage,
  Incident,
  IncidentPage,
  LoginResult,
  Me,
  Ok,
  SourceList,
  StatsReport,
  Added,
  Recorded,
  type CustodyAction,
  type EvidenceQuery,
  type IncidentQuery,
  type StatsQuery,
  type UploadQuery,
} from '../../../contract/index.js';
import { request, url } from './http.js';

/** Typed calls to the endpoints that exist today (issue 6); see pending.ts for the requested ones. */

type In<T> = { [K in keyof T]?: T[K] extends string | number | boolean | undefined | null ? T[K] : string };
export type IncidentFilter = In<Omit<IncidentQuery, 'cursor' | 'limit' | 'sort' | 'outcome' | 'bbox'>> & {
  outcome?: string;
  bbox?: string;
};

export const api = {
  me: () => request(Me, '/api/auth/me'),
  login: (user: string, password: string) =>
    request(LoginResult, '/api/auth/login', { method: 'POST', json: { user, password } }),
  logout: () => request(Ok, '/api/auth/logout', { method: 'POST' }),

  incidents: (q: IncidentFilter & { limit?: number; cursor?: string; sort?: IncidentQuery['sort'] }) =>
    request(IncidentPage, '/api/incidents', { query: q }),
  incident: (id: string) => request(Incident, `/api/incidents/${encodeURIComponent(id)}`),
  sources: () => request(SourceList, '/api/sources'),

  stats: (q: In<StatsQuery>) => request(StatsReport, '/api/stats', { query: q }),

  evidence: (q: In<Omit<EvidenceQuery, 'cursor' | 'limit' | 'sort'>> & { limit?: number; cursor?: string }) =>
    request(EvidencePage, '/api/evidence', { query: q }),
  custody: (id: string) => request(CustodyLog, `/api/evidence/${encodeURIComponent(id)}/custody`),
  recordCustody: (id: string, action: CustodyAction) =>
    request(Recorded, `/api/evidence/${encodeURIComponent(id)}/custody`, { method: 'POST', json: action }),
  upload: (q: In<UploadQuery>, file: Blob) =>
    request(Added, '/api/evidence', { method: 'POST', query: q, body: file }),
  /** Only ever built for items the caller was shown and that are not sealed (never fetched automatically). */
  contentUrl: (id: string) => url(`/api/evidence/${encodeURIComponent(id)}/content`),
};

export type EvidenceItem = z.infer<typeof EvidencePage>['items'][number];
