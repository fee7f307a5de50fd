import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';
import type { AnalysisRun, IdentificationResult } from '../../../contract/index.js';
import { fmtNumber, fmtPct, fmtUtc, t } from '../i18n/index.js';
import { typeColour } from '../map/colours.js';
import { asImage } from '../charts/as-image.js';

const TOP = 3;

/** Posterior per type (and "none of the catalogue"), and how much each feature moved the odds, as a chart. */
export function TypeSection({ run, result }: { run: AnalysisRun; result: IdentificationResult }) {
  const host = useRef<HTMLDivElement>(null);
  const ranked = [...result.candidates].sort((a, b) => b.posterior - a.posterior);
  const top = ranked.slice(0, TOP);
  useEffect(() => {
    if (!host.current) return;
    const rows = top.flatMap((c) =>
      c.contributions.map((x) => ({ candidate: c.name, feature: x.feature, logLR: x.logLR })),
    );
    const plot = Plot.plot({
      width: Math.min(760, host.current.clientWidth || 760),
      height: 60 + rows.length * 13,
      marginLeft: 130,
      marginRight: 20,
      x: { label: t('type.chartX'), grid: true },
      y: { axis: null },
      fy: { label: null },
      color: { domain: top.map((c) => c.name), range: top.map((_, i) => typeColour(i)), legend: true },
      marks: [
        Plot.barX(rows, {
          x: 'logLR',
          y: 'candidate',
          fy: 'feature',
          fill: 'candidate',
          title: (d: { candidate: string; feature: string; logLR: number }) =>
            `${d.candidate} · ${d.feature}: ${d.logLR.toFixed(2)}`,
        }),
        Plot.ruleX([0]),
      ],
      ariaLabel: t('type.chartLabel'),
    });
    host.current.replaceChildren(asImage(plot, t('type.chartLabel')));
    return () => plot.remove();
  }, [result]); // top is derived from result

  return (
    <>
      <p className="provenance">
        {t('type.provenance', {
          method: run.methodName,
          version: run.methodVersion,
          catalogue: result.catalogueVersion ?? '?',
          at: fmtUtc(run.createdAt),
          run: run.id,
        })}
      </p>
      <table className="candidates">
        <caption>{t('type.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('type.candidate')}</th>
            <th scope="col">{t('type.posterior')}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.slice(0, 6).map((c) => (
            <tr key={c.id}>
              <td>
                {c.name} <span className="muted">({c.id})</span>
              </td>
              <td>{fmtPct(c.posterior, 1)}</td>
            </tr>
          ))}
          {result.nonePosterior !== undefined && (
            <tr>
              <td>{t('type.none')}</td>
              <td>{fmtPct(result.nonePosterior, 3)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="hint">{t('type.posteriorHint')}</p>
      <h3>{t('type.chartTitle')}</h3>
      <div ref={host} className="plot" data-testid="contributions-chart" />
      <details>
        <summary>{t('type.tableSummary')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('type.feature')}</th>
              {top.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(top[0]?.contributions ?? []).map((f) => (
              <tr key={f.feature}>
                <th scope="row">{f.feature}</th>
                {top.map((c) => (
                  <td key={c.id}>
                    {fmtNumber(c.contributions.find((x) => x.feature === f.feature)?.logLR ?? NaN, 2)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
