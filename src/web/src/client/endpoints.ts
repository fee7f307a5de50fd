import type { z } from 'zod';
import {
  AnalysisRunList,
  BoundaryCollection,
  ComponentList,
  CustodyLog,
  EvidencePage,
  FindingList,
  GeoJsonFeatureCollection,
  Incident,
  IncidentPage,
  IncidentPoints,
  LoginResult,
  Me,
  Ok,
  SourceList,
  StatsReport,
  Added,
  Recorded,
  type CustodyAction,
  type AnalysisRun,
  type EvidenceQuery,
  type IncidentQuery,
  type StatsQuery,
  type UploadQuery,
} from '../../../contract/index.js';
import { request, url } from './http.js';

/** Typed calls to the API (issue 6, and the endpoints issue 7 asked for). */
const enc = encodeURIComponent;

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
  /** Every matching incident as columns (the map's one request; gzip on the wire). */
  points: (q: IncidentFilter) => request(IncidentPoints, '/api/incidents/points', { query: q }),
  analyses: (incident: string, kind?: AnalysisRun['kind']) =>
    request(AnalysisRunList, `/api/incidents/${enc(incident)}/analyses`, { query: { kind } }),
  analysisGeoJson: (run: string) => request(GeoJsonFeatureCollection, `/api/analyses/${enc(run)}/geojson`),
  components: (incident: string) => request(ComponentList, `/api/incidents/${enc(incident)}/components`),
  findings: (incident: string) => request(FindingList, `/api/incidents/${enc(incident)}/findings`),
  boundaries: () => request(BoundaryCollection, '/api/boundaries'),
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
  /** A 256 px JPEG of a JPEG or PNG photo (404 when the server cannot make one); never for sealed items. */
  thumbnailUrl: (id: string) => url(`/api/evidence/${encodeURIComponent(id)}/thumbnail`),
};

export type EvidenceItem = z.infer<typeof EvidencePage>['items'][number];
