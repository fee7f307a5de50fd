import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { CaseReportQuery, DossierQuery, IdParam } from '../../contract/index.js';
import { canonicalJson } from '../../evidence/model/canonical.js';
import { scopeOf, type Principal } from '../../infra/auth/roles.js';
import { loadCatalogue } from '../../infra/catalogue/load.js';
import { reportHasher, reportSources } from '../../infra/reports/report-source.js';
import { SalvoFailure } from '../../kernel/index.js';
import {
  buildCaseDossier,
  buildDossier,
  renderCaseHtml,
  renderCaseMarkdown,
  renderDossierHtml,
  renderDossierMarkdown,
  type Audience,
  type Exhibit,
} from '../../reports/index.js';
import { mayRead } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { errorResponses, fail, validationHook } from '../errors.js';
import { VERSION } from './system.js';

const documentResponse = (description: string) => ({
  description,
  content: {
    'text/html': { schema: z.string() },
    'text/markdown': { schema: z.string() },
    'application/json': { schema: z.object({ sha256: z.string(), dossier: z.unknown() }) },
  },
});

const dossier = createRoute({
  method: 'get',
  path: '/incidents/{id}/dossier',
  tags: ['publishing'],
  summary:
    "An incident's dossier (issue 8) in the edition the caller may read: restricted for analysts and above, public otherwise",
  request: { params: IdParam, query: DossierQuery },
  responses: { 200: documentResponse('The dossier'), ...errorResponses(400, 401, 403, 404) },
});

const caseReport = createRoute({
  method: 'get',
  path: '/reports/case',
  tags: ['publishing'],
  summary:
    'A case-level dossier: every incident of a period (optionally of one type), findings across them, statistics, exhibits',
  request: { query: CaseReportQuery },
  responses: { 200: documentResponse('The case dossier'), ...errorResponses(400, 401, 403, 404) },
});

/** Nothing in a dossier runs: its only script element is JSON data. */
const DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The edition for the caller: the widest it may read unless it asks for the public one; never sealed here. */
function audienceFor(p: Principal, asked: 'public' | 'restricted' | undefined): Audience {
  const mayRestricted = scopeOf(p).restricted;
  if (asked === 'restricted' && !mayRestricted)
    fail('FORBIDDEN', `the restricted edition needs the analyst role (you are ${p.role})`, 'audience');
  return asked ?? (mayRestricted ? 'restricted' : 'public');
}

const shown = (xs: readonly Exhibit[]) => xs.map((x) => ({ id: x.id, sensitivity: x.sensitivity }));

/**
 * Dossiers over HTTP (issue 8): the CLI's `salvo report incident|case`, in HTML, Markdown or JSON (PDF needs a
 * browser on the server: use the CLI). The edition follows the caller's role, so redaction by role happens in
 * the model (reports/redaction.ts) before anything is rendered; every restricted exhibit a dossier shows is
 * written to the access log.
 */
export function reportRoutes(deps: ApiDeps) {
  // Report sources per request: an instance keeps the Merkle tree it first loads, and a server's custody log
  // grows (a tree kept across requests cannot prove inclusion in a later checkpoint).
  // The catalogue, though, is read once per process.
  let catalogue: ReturnType<typeof loadCatalogue> | undefined;
  const sources = () => reportSources(deps.readDb, () => (catalogue ??= loadCatalogue()));
  const generator = { name: 'Salvo', version: VERSION };
  const send = (
    c: { body: (b: string, s: 200, h: Record<string, string>) => Response },
    format: 'html' | 'md' | 'json',
    sha256: string,
    name: string,
    text: () => string,
    model: unknown,
  ): Response => {
    const headers: Record<string, string> = { 'X-Salvo-Document-Sha256': sha256 };
    if (format === 'json')
      return c.body(JSON.stringify({ sha256, dossier: JSON.parse(canonicalJson(model)) as unknown }), 200, {
        ...headers,
        'Content-Type': 'application/json; charset=utf-8',
      });
    return c.body(text(), 200, {
      ...headers,
      'Content-Type': format === 'html' ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8',
      'Content-Disposition': `inline; filename="${name}.${format}"`,
      'Content-Security-Policy': DOCUMENT_CSP,
    });
  };

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(dossier, async (c) => {
      const p = mayRead(c, deps);
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const audience = audienceFor(p, q.audience);
      const built = await buildDossier(sources().dossier, reportHasher, {
        incident: id,
        audience,
        generatedAt: new Date().toISOString(),
        generator,
      });
      if (!built.ok) throw new SalvoFailure(built.error);
      const h = built.value;
      await deps.evidence.recordReads(p, shown(h.dossier.exhibits), 'dossier');
      return send(
        c,
        q.format,
        h.sha256,
        `dossier-${id}-${audience}`,
        () => (q.format === 'html' ? renderDossierHtml(h) : renderDossierMarkdown(h)),
        h.dossier,
      );
    })
    .openapi(caseReport, async (c) => {
      const p = mayRead(c, deps);
      const q = c.req.valid('query');
      const audience = audienceFor(p, q.audience);
      const to = new Date(`${q.to}T00:00:00.000Z`);
      to.setUTCDate(to.getUTCDate() + 1);
      const built = await buildCaseDossier(sources().case, reportHasher, {
        from: `${q.from}T00:00:00.000Z`,
        to: to.toISOString(),
        model: q.model ?? null,
        launches: q.launches ?? null,
        audience,
        generatedAt: new Date().toISOString(),
        generator,
      });
      if (!built.ok) throw new SalvoFailure(built.error);
      const h = built.value;
      await deps.evidence.recordReads(p, shown(h.dossier.incidents.flatMap((i) => i.exhibits)), 'dossier');
      return send(
        c,
        q.format,
        h.sha256,
        `case-${q.from}-${q.to}-${audience}`,
        () => (q.format === 'html' ? renderCaseHtml(h) : renderCaseMarkdown(h)),
        h.dossier,
      );
    });
}
