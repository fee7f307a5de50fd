import type { FeatureCollection } from 'geojson';
import { useMemo, useState } from 'react';
import { CASE_MAX_INCIDENTS } from '../../../contract/index.js';
import { rangeOf, type PointSet, type TimeWindow } from '../data/points.js';
import { fmtNumber, fmtUtc, t } from '../i18n/index.js';
import { IncidentList } from '../incidents/IncidentList.js';
import type { ColourBy } from '../map/colours.js';
import { Legend } from '../map/Legend.js';
import { MapView } from '../map/MapView.js';
import { Playback, type PlaybackState } from '../timeline/Playback.js';
import { Timeline } from '../timeline/Timeline.js';
import { navigate } from './router.js';

/** The case dossier of the UTC days the window touches (the API takes whole days, both ends inclusive). */
function caseHref(w: TimeWindow): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return `/api/reports/case?from=${day(w.from)}&to=${day(w.to - 1)}`;
}

/** Playback: strikes of the last 30 simulated minutes are drawn larger. */
const FRESH_MS = 30 * 60_000;

export interface OverviewProps {
  readonly points: PointSet;
  readonly via: 'bulk' | 'paged';
  readonly admin: FeatureCollection | null;
  readonly window: TimeWindow | null;
  readonly onWindow: (w: TimeWindow | null) => void;
}

/** The map, the legend, the timeline with its brush and playback, and the list of incidents in the window. */
export function Overview({ points, via, admin, window: win, onWindow }: OverviewProps) {
  const [colourBy, setColourBy] = useState<ColourBy>('outcome');
  const [play, setPlay] = useState<PlaybackState | null>(null);
  const effective: TimeWindow | null = play ? { from: play.night.from, to: play.cursor } : win;
  const range = useMemo(() => rangeOf(points, effective), [points, effective?.from, effective?.to]);
  const shown = range[1] - range[0];

  return (
    <div className="overview">
      <div className="toolbar">
        <label>
          {t('map.colourBy')}{' '}
          <select value={colourBy} onChange={(e) => setColourBy(e.target.value as ColourBy)}>
            <option value="outcome">{t('map.colourOutcome')}</option>
            <option value="type">{t('map.colourType')}</option>
          </select>
        </label>
        <p role="status" className="summary" data-testid="window-summary">
          {effective
            ? t('overview.summaryWindow', {
                n: fmtNumber(shown),
                total: fmtNumber(points.n),
                from: fmtUtc(effective.from),
                to: fmtUtc(effective.to),
              })
            : t('overview.summaryAll', { n: fmtNumber(points.n) })}
        </p>
        {win && !play && shown > 0 && shown <= CASE_MAX_INCIDENTS && (
          <a href={caseHref(win)} target="_blank" rel="noopener" data-testid="case-dossier">
            {t('overview.caseDossier')}
          </a>
        )}
        {via === 'paged' && <p className="note">{t('overview.pagedNote', { n: fmtNumber(points.n) })}</p>}
        {points.truncated && <p className="note">{t('overview.truncated')}</p>}
      </div>
      <div className="overview-grid">
        <MapView
          name="overview"
          label={t('map.label')}
          points={points}
          range={range}
          colourBy={colourBy}
          highlightFrom={play ? play.cursor - FRESH_MS : undefined}
          admin={admin}
          onSelect={(i) => navigate({ name: 'incident', id: points.id[i]! })}
          className="overview-map"
        />
        <aside className="side">
          <Legend colourBy={colourBy} points={points} />
          <IncidentList points={points} range={range} />
        </aside>
      </div>
      <Timeline
        points={points}
        window={win}
        onWindow={onWindow}
        colourBy={colourBy}
        cursor={play?.cursor ?? null}
      />
      <Playback points={points} onState={setPlay} />
    </div>
  );
}
