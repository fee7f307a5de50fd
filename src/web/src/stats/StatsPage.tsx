import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';
import { useAsync } from '../app/async.js';
import { api } from '../client/endpoints.js';
import { ApiError } from '../client/http.js';
import type { TimeWindow } from '../data/points.js';
import { fmtDate, fmtNumber, fmtPct, t, type MessageKey } from '../i18n/index.js';
import { failureRate, interceptionRate, type Rate } from './rates.js';
import { asImage } from '../charts/as-image.js';

const GROUPINGS = ['model', 'target_region', 'month'] as const;
type Grouping = (typeof GROUPINGS)[number];

const pct = (x: number) => fmtPct(x, 0);

function RateChart({ rates, label }: { rates: readonly Rate[]; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const rows = rates.filter((r) => r.n > 0 || r.bounds);
    const plot = Plot.plot({
      width: Math.min(760, host.current.clientWidth || 760),
      height: 50 + rows.length * 30,
      marginLeft: 170,
      marginRight: 30,
      x: { domain: [0, 1], label: t('stats.axis'), tickFormat: (x: number) => pct(x), grid: true },
      y: { label: null, domain: rows.map((r) => r.label) },
      marks: [
        Plot.barX(
          rows.filter((r) => r.bounds),
          {
            x1: (r: Rate) => r.bounds![0],
            x2: (r: Rate) => r.bounds![1],
            y: 'label',
            fill: '#D9DEE3',
            insetTop: 6,
            insetBottom: 6,
          },
        ),
        Plot.ruleY(
          rows.filter((r) => r.ci95),
          {
            y: 'label',
            x1: (r: Rate) => r.ci95![0],
            x2: (r: Rate) => r.ci95![1],
            stroke: '#111827',
            strokeWidth: 2,
          },
        ),
        Plot.tickX(
          rows.filter((r) => r.ci95),
          {
            x: (r: Rate) => r.ci95![0],
            y: 'label',
            stroke: '#111827',
            strokeWidth: 2,
            insetTop: 8,
            insetBottom: 8,
          },
        ),
        Plot.tickX(
          rows.filter((r) => r.ci95),
          {
            x: (r: Rate) => r.ci95![1],
            y: 'label',
            stroke: '#111827',
            strokeWidth: 2,
            insetTop: 8,
            insetBottom: 8,
          },
        ),
        Plot.dot(
          rows.filter((r) => r.rate !== null),
          { x: 'rate', y: 'label', fill: '#111827', r: 4 },
        ),
      ],
      ariaLabel: label,
    });
    host.current.replaceChildren(asImage(plot, label));
    return () => plot.remove();
  }, [rates, label]);
  return <div ref={host} className="plot" />;
}

function RateTable({
  rates,
  kLabel,
  nLabel,
  caption,
}: {
  rates: readonly Rate[];
  kLabel: string;
  nLabel: string;
  caption: string;
}) {
  return (
    <div className="table-scroll">
      <table className="rates">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.group')}</th>
            <th scope="col">{kLabel}</th>
            <th scope="col">{nLabel}</th>
            <th scope="col">{t('stats.estimate')}</th>
            <th scope="col">{t('stats.bounds')}</th>
          </tr>
        </thead>
        <tbody>
          {rates.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{fmtNumber(r.k)}</td>
              <td>
                {fmtNumber(r.n)}{' '}
                <span className="muted">{t('stats.ofTotal', { total: fmtNumber(r.total) })}</span>
              </td>
              <td>
                {r.rate !== null && r.ci95
                  ? t('stats.rateWithCi', { rate: pct(r.rate), lo: pct(r.ci95[0]), hi: pct(r.ci95[1]) })
                  : t('stats.noKnown')}
              </td>
              <td>
                {r.bounds ? t('stats.boundsValue', { lo: pct(r.bounds[0]), hi: pct(r.bounds[1]) }) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Interception and failure rates with their 95 % intervals and missing-data bounds, by type, region, month. */
export function StatsPage({ window: win }: { window: TimeWindow | null }) {
  const [by, setBy] = useState<Grouping>('model');
  const [useWindow, setUseWindow] = useState(win !== null);
  const range =
    useWindow && win ? { from: new Date(win.from).toISOString(), to: new Date(win.to).toISOString() } : {};
  const stats = useAsync(async () => {
    // The server's missing-data summary when it agrees to compute it (it refuses beyond a few thousand unknown
    // outcomes); otherwise the same Manski bounds from the counts (stats/rates.ts).
    try {
      return await api.stats({ by, missingData: true, ...range });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'INVALID_INPUT') return api.stats({ by, ...range });
      throw e;
    }
  }, [by, range.from, range.to]);

  return (
    <article className="stats" aria-labelledby="stats-title">
      <h1 id="stats-title">{t('stats.title')}</h1>
      <p className="lead">{t('stats.lead')}</p>
      <div className="toolbar">
        <label>
          {t('stats.by')}{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as Grouping)}>
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(`stats.by.${g}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {win && (
          <label>
            <input type="checkbox" checked={useWindow} onChange={(e) => setUseWindow(e.target.checked)} />{' '}
            {t('stats.useWindow', { from: fmtDate(win.from), to: fmtDate(win.to - 1) })}
          </label>
        )}
      </div>
      <div className="legend-inline" aria-hidden="true">
        <span className="key-dot" /> {t('stats.keyEstimate')} <span className="key-ci" /> {t('stats.keyCi')}{' '}
        <span className="key-bounds" /> {t('stats.keyBounds')}
      </div>
      {stats.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {stats.state === 'error' && <p role="alert">{t('common.error', { message: stats.error.message })}</p>}
      {stats.state === 'ok' && (
        <>
          <section className="card" aria-labelledby="failure-title">
            <h2 id="failure-title">{t('stats.failureTitle')}</h2>
            <p className="hint">{t('stats.failureHint')}</p>
            {(() => {
              const rates = [
                ...stats.data.incidents.groups.map((g) => failureRate(g)),
                failureRate(stats.data.incidents.total, t('stats.total')),
              ];
              return (
                <>
                  <RateChart rates={rates} label={t('stats.failureChart')} />
                  <RateTable
                    rates={rates}
                    caption={t('stats.failureCaption')}
                    kLabel={t('stats.failures')}
                    nLabel={t('stats.knownOutcomes')}
                  />
                </>
              );
            })()}
          </section>
          <section className="card" aria-labelledby="interception-title">
            <h2 id="interception-title">{t('stats.interceptionTitle')}</h2>
            <p className="hint">{t('stats.interceptionHint')}</p>
            {(() => {
              const rates = [
                ...stats.data.reports.groups.map((g) => interceptionRate(g)),
                interceptionRate(stats.data.reports.total, t('stats.total')),
              ];
              return (
                <>
                  <RateChart rates={rates} label={t('stats.interceptionChart')} />
                  <RateTable
                    rates={rates}
                    caption={t('stats.interceptionCaption')}
                    kLabel={t('stats.destroyed')}
                    nLabel={t('stats.launchedKnown')}
                  />
                </>
              );
            })()}
          </section>
          <p className="hint">{t('stats.boundsNote')}</p>
          {stats.data.notes.length > 0 && (
            <details>
              <summary>{t('stats.notes')}</summary>
              <ul>
                {stats.data.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            </details>
          )}
          <p className="muted">
            {t('stats.visibleItems', { n: fmtNumber(stats.data.evidence.visibleItems) })}
          </p>
        </>
      )}
    </article>
  );
}
