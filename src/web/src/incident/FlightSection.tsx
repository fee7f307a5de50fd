import * as Plot from '@observablehq/plot';
import { useEffect, useMemo, useRef } from 'react';
import type {
  AnalysisRun,
  GeoJsonFeatureCollection as FeatureCollection,
  ReconstructionResult,
} from '../../../contract/index.js';
import { fmtMetres, fmtNumber, fmtUtc, t } from '../i18n/index.js';
import { alongTrack } from '../map/geometry.js';
import { trajectoryOf } from './overlay.js';
import { asImage } from '../charts/as-image.js';

function Estimate({ label, p }: { label: string; p: ReconstructionResult['launch'] }) {
  const e = p.ellipse95;
  const c = p.crlb;
  const ratio = c ? Math.sqrt((e.semiMajorM * e.semiMinorM) / (c.semiMajorM * c.semiMinorM)) : null;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        {fmtNumber(p.lat, 5)}, {fmtNumber(p.lon, 5)}
      </td>
      <td>{t('flight.timeWithSigma', { time: fmtUtc(p.time), sigma: fmtNumber(p.timeSigmaS, 2) })}</td>
      <td>
        {t('flight.ellipse', {
          a: fmtMetres(e.semiMajorM),
          b: fmtMetres(e.semiMinorM),
          az: fmtNumber(e.orientationDeg, 0),
        })}
      </td>
      <td>
        {c
          ? t('flight.crlbValue', { a: fmtMetres(c.semiMajorM), b: fmtMetres(c.semiMinorM) })
          : t('common.unknown')}
      </td>
      <td>{ratio === null ? '—' : fmtNumber(ratio, 2)}</td>
    </tr>
  );
}

function AltitudeProfile({ geojson }: { geojson: FeatureCollection }) {
  const host = useRef<HTMLDivElement>(null);
  const tr = useMemo(() => trajectoryOf(geojson), [geojson]);
  useEffect(() => {
    if (!host.current || !tr) return;
    const dist = alongTrack(tr.coords);
    const rows = tr.coords.map((c, i) => ({
      x: tr.timesS ? tr.timesS[i]! : dist[i]! / 1000,
      alt: (c[2] ?? 0) / 1000,
    }));
    const plot = Plot.plot({
      width: Math.min(720, host.current.clientWidth || 720),
      height: 240,
      marginLeft: 50,
      x: { label: tr.timesS ? t('flight.profileXTime') : t('flight.profileXDistance') },
      y: { label: t('flight.profileY'), grid: true },
      marks: [
        Plot.areaY(rows, { x: 'x', y: 'alt', fillOpacity: 0.12 }),
        Plot.lineY(rows, { x: 'x', y: 'alt', strokeWidth: 2 }),
        Plot.ruleY([0]),
      ],
      ariaLabel: t('flight.profileLabel'),
    });
    host.current.replaceChildren(asImage(plot, t('flight.profileLabel')));
    return () => plot.remove();
  }, [tr]);
  if (!tr) return <p className="note">{t('flight.noTrajectory')}</p>;
  return <div ref={host} className="plot" data-testid="altitude-profile" />;
}

/** The reconstruction: estimates with 95 % ellipses and the Cramér–Rao bound beside them, profile, fit. */
export function FlightSection({
  run,
  result,
  geojson,
}: {
  run: AnalysisRun;
  result: ReconstructionResult;
  geojson: FeatureCollection | null | undefined;
}) {
  const pr = result.profile;
  return (
    <>
      <p className="provenance">
        {t('flight.provenance', {
          method: run.methodName,
          version: run.methodVersion,
          at: fmtUtc(run.createdAt),
          run: run.id,
        })}{' '}
        <code title={run.inputSha256}>sha256 {run.inputSha256.slice(0, 16)}…</code>
      </p>
      <div className="table-scroll">
        <table className="estimates">
          <caption>{t('flight.estimatesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('flight.point')}</th>
              <th scope="col">{t('flight.latLon')}</th>
              <th scope="col">{t('flight.time')}</th>
              <th scope="col">{t('flight.ellipse95')}</th>
              <th scope="col">{t('flight.crlb')}</th>
              <th scope="col">{t('flight.ratio')}</th>
            </tr>
          </thead>
          <tbody>
            <Estimate label={t('flight.launch')} p={result.launch} />
            {result.impact && <Estimate label={t('flight.impact')} p={result.impact} />}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('flight.ratioHint')}</p>
      {pr && (
        <dl className="profile">
          <div>
            <dt>{t('flight.apogee')}</dt>
            <dd>{fmtMetres(pr.apogeeM)}</dd>
          </div>
          <div>
            <dt>{t('flight.groundRange')}</dt>
            <dd>{fmtMetres(pr.groundRangeM)}</dd>
          </div>
          <div>
            <dt>{t('flight.flightTime')}</dt>
            <dd>{t('flight.seconds', { s: fmtNumber(pr.flightTimeS, 1) })}</dd>
          </div>
          <div>
            <dt>{t('flight.maxSpeed')}</dt>
            <dd>{t('flight.mps', { v: fmtNumber(pr.maxSpeedMps, 0) })}</dd>
          </div>
          {pr.burnoutTimeS !== undefined && (
            <div>
              <dt>{t('flight.burnout')}</dt>
              <dd>{t('flight.seconds', { s: fmtNumber(pr.burnoutTimeS, 1) })}</dd>
            </div>
          )}
        </dl>
      )}
      {result.breakup && (
        <p>
          {result.breakup.detected
            ? t('flight.breakupDetected', { p: fmtNumber(result.breakup.pValue ?? NaN, 3) })
            : t('flight.noBreakup')}
        </p>
      )}
      {result.manoeuvre && (
        <p>
          {result.manoeuvre.detected
            ? t('flight.manoeuvreDetected', {
                a: fmtNumber(result.manoeuvre.normalAccelMps2 ?? NaN, 2),
                s: fmtNumber(result.manoeuvre.normalAccelSigmaMps2 ?? NaN, 2),
                from: fmtNumber(result.manoeuvre.startS ?? NaN, 0),
                to: fmtNumber(result.manoeuvre.endS ?? NaN, 0),
                p: fmtNumber(result.manoeuvre.pValue, 3),
              })
            : t('flight.noManoeuvre', { p: fmtNumber(result.manoeuvre.pValue, 3) })}
        </p>
      )}
      {result.fit && (
        <p>
          {t('flight.fit', {
            chi2: fmtNumber(result.fit.chi2, 1),
            dof: result.fit.dof,
            rms: fmtNumber(result.fit.normalisedResidualRms, 3),
          })}
        </p>
      )}
      {result.types && result.types.length > 0 && (
        <p>
          {t('flight.types', {
            list: result.types.map((x) => `${x.id} (BIC ${fmtNumber(x.bic ?? NaN, 1)})`).join(', '),
          })}
        </p>
      )}
      <h3>{t('flight.profileTitle')}</h3>
      {geojson ? <AltitudeProfile geojson={geojson} /> : <p className="note">{t('flight.noGeojson')}</p>}
    </>
  );
}
