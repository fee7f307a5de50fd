import { useEffect, useMemo, useState } from 'react';
import { useAsync } from '../app/async.js';
import { hrefOf } from '../app/router.js';
import { api } from '../client/endpoints.js';
import { ApiError } from '../client/http.js';
import { IdentificationResult, ReconstructionResult, type AnalysisRun } from '../../../contract/index.js';
import { fromIncidents } from '../data/points.js';
import { fmtUtc, t } from '../i18n/index.js';
import { MapView } from '../map/MapView.js';
import { Facts } from './Facts.js';
import { FindingsSection } from './FindingsSection.js';
import { FlightSection } from './FlightSection.js';
import { ItemsSection } from './ItemsSection.js';
import { ellipsesOf, frameOf, overlayOf, type Focus } from './overlay.js';
import { PartsSection } from './PartsSection.js';
import { Loaded, Pending, Section } from './Section.js';
import { TypeSection } from './TypeSection.js';

const ANALYSES = 'GET /api/incidents/{id}/analyses';

function typed<T>(
  runs: readonly AnalysisRun[],
  kind: string,
  schema: { safeParse(x: unknown): { success: boolean; data?: T } },
) {
  const out: { run: AnalysisRun; result: T }[] = [];
  for (const run of runs) {
    if (run.kind !== kind) continue;
    const r = schema.safeParse(run.result);
    if (r.success) out.push({ run, result: r.data as T });
  }
  return out;
}

/** Everything about one incident: facts and sources, map, evidence and custody, analysis, parts, findings. */
export function IncidentPage({ id }: { id: string }) {
  const incident = useAsync(() => api.incident(id), [id]);
  const sources = useAsync(() => api.sources(), []);
  const analyses = useAsync(() => api.analyses(id), [id]);
  const components = useAsync(() => api.components(id), [id]);
  const findings = useAsync(() => api.findings(id), [id]);

  const runs = analyses.state === 'ok' ? (analyses.data?.items ?? []) : [];
  const recons = useMemo(() => typed(runs, 'reconstruction', ReconstructionResult), [analyses]);
  const idents = useMemo(() => typed(runs, 'identification', IdentificationResult), [analyses]);
  const latest = recons[0];
  const geojson = useAsync(
    async () => (latest ? await api.analysisGeoJson(latest.run.id) : null),
    [latest?.run.id],
  );
  const geo = geojson.state === 'ok' ? (geojson.data ?? null) : null;

  const x0 = incident.state === 'ok' ? incident.data : null;
  const [focus, setFocus] = useState<Focus>('all');
  const view = useMemo(() => {
    if (!x0) return null;
    const overlay = overlayOf(x0, latest?.result ?? null, geo);
    return { points: fromIncidents([x0]), overlay, ellipses: ellipsesOf(overlay) };
  }, [x0, latest, geo]);
  const frame = useMemo(() => (x0 && view ? frameOf(x0, view.overlay, focus) : null), [x0, view, focus]);

  useEffect(() => {
    if (incident.state === 'ok') document.title = t('incident.docTitle', { id });
    return () => {
      document.title = t('app.name');
    };
  }, [incident.state, id]);

  if (incident.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (incident.state === 'error')
    return (
      <p role="alert">
        {incident.error instanceof ApiError && incident.error.status === 404
          ? t('incident.notFound', { id })
          : t('common.error', { message: incident.error.message })}
      </p>
    );
  const x = incident.data;
  const { points, overlay, ellipses } = view!;

  return (
    <article className="incident" aria-labelledby="incident-title">
      <p>
        <a href={hrefOf({ name: 'overview' })}>{t('incident.back')}</a>
      </p>
      <h1 id="incident-title">
        {t('incident.title', { id: x.id })} <span className="muted">{fmtUtc(x.occurredAt)}</span>
      </h1>
      <p className="dossier-links">
        {t('incident.dossier')}{' '}
        {(['html', 'md'] as const).map((f) => (
          <a
            key={f}
            href={`/api/incidents/${encodeURIComponent(x.id)}/dossier?format=${f}`}
            target="_blank"
            rel="noopener"
          >
            {t(`incident.dossier.${f}`)}
          </a>
        ))}
      </p>
      <nav className="toc" aria-label={t('incident.toc')}>
        {(['facts', 'map', 'items', 'flight', 'type', 'parts', 'findings'] as const).map((s) => (
          <a
            key={s}
            href={`#sec-${s}`}
            onClick={(e) => {
              e.preventDefault();
              const el = document.getElementById(`sec-${s}`);
              el?.scrollIntoView();
              el?.querySelector('h2')?.focus();
            }}
          >
            {t(`incident.sec.${s}`)}
          </a>
        ))}
      </nav>
      <div className="incident-grid">
        <div className="incident-main">
          <Section id="sec-facts" title={t('incident.sec.facts')}>
            <Facts incident={x} sources={sources.state === 'ok' ? sources.data.items : undefined} />
          </Section>
          <Section id="sec-items" title={t('incident.sec.items')}>
            <ItemsSection incident={x.id} />
          </Section>
          <Section id="sec-flight" title={t('incident.sec.flight')}>
            <Loaded
              a={analyses}
              endpoint={ANALYSES}
              ok={() =>
                latest ? (
                  <FlightSection run={latest.run} result={latest.result} geojson={geo} />
                ) : (
                  <p>{t('flight.none')}</p>
                )
              }
            />
          </Section>
          <Section id="sec-type" title={t('incident.sec.type')}>
            <Loaded
              a={analyses}
              endpoint={ANALYSES}
              ok={() =>
                idents[0] ? (
                  <TypeSection run={idents[0].run} result={idents[0].result} />
                ) : (
                  <p>{t('type.none_run')}</p>
                )
              }
            />
          </Section>
          <Section id="sec-parts" title={t('incident.sec.parts')}>
            <Loaded
              a={components}
              endpoint="GET /api/incidents/{id}/components"
              ok={(d) => <PartsSection data={d} />}
            />
          </Section>
          <Section id="sec-findings" title={t('incident.sec.findings')}>
            {findings.state === 'ok' &&
            !findings.data &&
            analyses.state === 'ok' &&
            !analyses.data ? null : findings.state === 'ok' ? (
              <FindingsSection findings={findings.data?.items} identifications={idents} />
            ) : findings.state === 'error' ? (
              <p role="alert">{t('common.error', { message: findings.error.message })}</p>
            ) : (
              <p role="status">{t('common.loading')}</p>
            )}
            {findings.state === 'ok' && !findings.data && (
              <Pending endpoint="GET /api/incidents/{id}/findings" />
            )}
          </Section>
        </div>
        <div className="incident-side">
          <Section id="sec-map" title={t('incident.sec.map')} testId="incident-map">
            <MapView
              name="incident"
              label={t('incident.mapLabel', { id: x.id })}
              points={points}
              range={[0, points.n]}
              colourBy="outcome"
              overlay={overlay}
              fit={frame}
              cluster={false}
              className="incident-map"
            />
            <div className="map-focus" role="group" aria-label={t('incident.focusLabel')}>
              {(['all', ...ellipses, 'incident'] as Focus[]).map((f) => (
                <button key={f} type="button" aria-pressed={focus === f} onClick={() => setFocus(f)}>
                  {t(`incident.focus.${f}`)}
                </button>
              ))}
            </div>
            <p className="hint" data-testid="map-overlay-summary">
              {latest
                ? geo
                  ? t('incident.mapWithTrajectory')
                  : t('incident.mapWithEllipses')
                : t('incident.mapPointOnly')}
            </p>
          </Section>
        </div>
      </div>
    </article>
  );
}
